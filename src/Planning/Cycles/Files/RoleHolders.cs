namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A role of the steering group and the people who hold it.</summary>
/// <param name="RoleId">Role id (meetings invite roles).</param>
/// <param name="PersonIds">The holders.</param>
public sealed record RoleHolders(string? RoleId, IReadOnlyList<string?>? PersonIds);
