namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// A running service process sharing the database. Each node writes its heartbeat; a node whose heartbeat is older than
/// the node timeout is gone, and the outbox messages it had claimed are recovered by the others.
/// </summary>
public sealed class ClusterNode
{
    /// <summary>Node id, new for every process start.</summary>
    public string Id { get; set; } = "";

    /// <summary>Host name of the machine, for operators.</summary>
    public string MachineName { get; set; } = "";

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last heartbeat.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}
