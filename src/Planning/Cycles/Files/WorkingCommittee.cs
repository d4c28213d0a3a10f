namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The steering group's working committee (työvaliokunta): its members prepare the agendas and take turns as chair and secretary.</summary>
/// <param name="MemberRoleIds">The roles on the committee.</param>
/// <param name="Rotation">How chair and secretary turn.</param>
public sealed record WorkingCommittee(IReadOnlyList<string?>? MemberRoleIds, CommitteeRotation? Rotation);

/// <summary>The order in which the committee's members chair (the next one in order is the secretary).</summary>
/// <param name="Rule">perMeeting (the demo) — the turn passes at every meeting.</param>
/// <param name="Order">Person ids in turn order.</param>
public sealed record CommitteeRotation(string? Rule, IReadOnlyList<string?>? Order);
