namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>How nodes sharing a database tell each other they are alive (<c>Cluster:*</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>How often a node writes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A node silent for this long is gone: the outbox messages it had claimed are recovered by another node. Keep it
    /// well above the heartbeat interval and the longest pause a healthy node may have.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
