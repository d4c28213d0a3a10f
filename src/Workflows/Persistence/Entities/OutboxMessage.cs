namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>An effect to carry out after its burst committed (transactional outbox).</summary>
public sealed class OutboxMessage
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Instance that produced it.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>Effect kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The effect (JSON).</summary>
    public string Payload { get; set; } = "";

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Earliest next attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Last error.</summary>
    public string? LastError { get; set; }

    /// <summary>Given up: shown to admins, retried only by hand.</summary>
    public bool IsDeadLetter { get; set; }

    /// <summary>
    /// When a dispatcher claimed the message (committed before the side effect starts); null while pending.
    /// A claim left by a crash means the effect may or may not have happened.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>The node (<see cref="ClusterNode.Id"/>) that claimed it: its claims are recovered once that node is gone.</summary>
    public string? ClaimedBy { get; set; }
}
