namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>A cycle on the workspace's first page.</summary>
public sealed record CycleRow(string Id, string? Name, string SubStatus, DateTimeOffset CreatedAt, Opiskeluhuolto.Planning.Cycles.CycleDashboard? Dashboard = null);
