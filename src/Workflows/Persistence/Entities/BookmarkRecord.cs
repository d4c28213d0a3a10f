namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A stored bookmark, indexed for stimulus matching and timers.</summary>
public sealed class BookmarkRecord
{
    /// <summary>Bookmark id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Stimulus name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Stimulus hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity instance id.</summary>
    public string ActivityInstanceId { get; set; } = "";

    /// <summary>Activity node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Instance correlation id at commit time.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Due time for timer bookmarks.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Payload (JSON).</summary>
    public string? Payload { get; set; }

    /// <summary>Metadata (JSON).</summary>
    public string? Metadata { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
