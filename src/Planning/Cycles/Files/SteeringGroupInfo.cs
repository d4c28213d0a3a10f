namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The steering group: its names and the people in each role.</summary>
/// <param name="Id">Group id (one running year per id).</param>
/// <param name="NameFi">Finnish name.</param>
/// <param name="NameSv">Swedish name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Members">Roles with their holders.</param>
public sealed record SteeringGroupInfo(string? Id, string? NameFi, string? NameSv, string? NameEn, IReadOnlyList<RoleHolders>? Members);
