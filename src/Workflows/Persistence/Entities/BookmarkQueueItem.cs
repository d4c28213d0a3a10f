namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A stimulus that matched no bookmark yet (signal before the bookmark was committed); retried until it expires.</summary>
public sealed class BookmarkQueueItem
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Stimulus hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Instance filter.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>Correlation filter.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Input (JSON).</summary>
    public string? Input { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
