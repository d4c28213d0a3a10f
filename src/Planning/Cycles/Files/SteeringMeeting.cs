namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A steering-group meeting.</summary>
/// <param name="Id">Meeting id.</param>
/// <param name="Type">steeringGroup or steeringGroupExtended.</param>
/// <param name="Date">Its date (yyyy-MM-dd).</param>
/// <param name="TitleFi">Finnish title.</param>
/// <param name="TitleSv">Swedish title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="StartsAt">Start (ISO 8601 with offset).</param>
/// <param name="EndsAt">End.</param>
/// <param name="Location">Where.</param>
/// <param name="InvitedRoleIds">Roles invited.</param>
/// <param name="ChairPersonId">Who chairs this meeting (the rotation).</param>
/// <param name="SecretaryPersonId">Who writes its notes.</param>
/// <param name="WorkingCommitteePrepMeeting">When the working committee prepares the agenda.</param>
public sealed record SteeringMeeting(string? Id, string? Type, string? Date, string? TitleFi, string? TitleSv, string? TitleEn, string? StartsAt, string? EndsAt, MeetingLocation? Location,
    IReadOnlyList<string?>? InvitedRoleIds, string? ChairPersonId, string? SecretaryPersonId, PrepMeeting? WorkingCommitteePrepMeeting);
