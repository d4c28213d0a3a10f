namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A phase on the dashboard: Upcoming, Active or Done.</summary>
public sealed record DashboardPhase(string Key, string Name, DateTimeOffset Start, DateTimeOffset Deadline, string State, DateTimeOffset? CompletedAt, string? Outcome);
