namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A person of the region file.</summary>
/// <param name="Id">Person id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Work e-mail.</param>
/// <param name="Language">fi or sv (anything else reads as fi).</param>
/// <param name="OrganisationId">The organisation they work for.</param>
/// <param name="TitleFi">Title in Finnish.</param>
/// <param name="TitleEn">Title in English (management is told by it).</param>
public sealed record RegionPerson(string? Id, string? FirstName, string? LastName, string? Email, string? Language, string? OrganisationId, string? TitleFi, string? TitleEn);
