namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The extended network: roles invited to the extended meetings besides the members.</summary>
/// <param name="ExtraMembers">Roles with their holders.</param>
public sealed record ExtendedNetwork(IReadOnlyList<RoleHolders>? ExtraMembers);
