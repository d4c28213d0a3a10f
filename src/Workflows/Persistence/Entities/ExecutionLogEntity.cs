namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A journal entry.</summary>
public sealed class ExecutionLogEntity
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Sequence.</summary>
    public long Sequence { get; set; }

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Event name.</summary>
    public string? EventName { get; set; }

    /// <summary>Timestamp.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The record (JSON).</summary>
    public string Data { get; set; } = "";
}
