namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A seat of the cooperation group: a member and their deputy.</summary>
/// <param name="MemberPersonId">The member.</param>
/// <param name="DeputyPersonId">The deputy (varajäsen).</param>
/// <param name="Category">Whom the seat represents (municipalEducation, youthCouncil, parentsAssociation, staff, …).</param>
/// <param name="OrganisationId">The organisation the seat represents.</param>
public sealed record GroupSeat(string? MemberPersonId, string? DeputyPersonId, string? Category = null, string? OrganisationId = null);
