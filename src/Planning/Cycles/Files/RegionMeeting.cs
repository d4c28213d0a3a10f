namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A meeting of the cycle: who is invited and when.</summary>
/// <param name="Id">Meeting id.</param>
/// <param name="PhaseId">The phase it belongs to.</param>
/// <param name="Type">cooperationGroup, strategySeminar, municipalTourMeeting, remoteJointMeeting…</param>
/// <param name="TourStop">Its number on the municipal tour.</param>
/// <param name="TitleFi">Finnish title.</param>
/// <param name="TitleSv">Swedish title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="StartsAt">Start (ISO 8601 with offset).</param>
/// <param name="EndsAt">End.</param>
/// <param name="Location">Where.</param>
/// <param name="InvitedGroups">Audiences invited (cooperationGroupMembers, schoolRepresentatives…).</param>
/// <param name="InvitedMunicipalityIds">Municipalities whose people are invited.</param>
public sealed record RegionMeeting(string? Id, string? PhaseId, string? Type, int? TourStop, string? TitleFi, string? TitleSv, string? TitleEn, string? StartsAt, string? EndsAt,
    MeetingLocation? Location, IReadOnlyList<string>? InvitedGroups, IReadOnlyList<string>? InvitedMunicipalityIds);
