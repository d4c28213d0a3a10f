namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>One line of the activity feed: when, what happened, and to which request or meeting.</summary>
public sealed record DashboardEvent(DateTimeOffset At, string Event, string? Subject);
