namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A mail that reached the relay: to whom (lower-case address), what kind, about what, queued and sent when.</summary>
public sealed record SentMailItem(string Email, string Kind, string? Title, DateTimeOffset QueuedAt, DateTimeOffset SentAt, string? WorkflowInstanceId);

/// <summary>A cycle's mail: still in the outbox (waiting or failed), sent, and its child workflows' start.</summary>
public sealed record CycleMailOverview(IReadOnlyList<CycleMailItem> Pending, IReadOnlyList<SentMailItem> Sent, CycleStarting Starting);

/// <summary>Child workflows of a cycle started so far, and those still waiting to be started.</summary>
public sealed record CycleStarting(int Started, int Waiting);

/// <summary>A person's mail at a glance: the last that reached the relay, and how many of theirs are waiting or failed.</summary>
public sealed record PersonMailSummary(SentMailItem? LastSent, int Waiting, int Failed);
