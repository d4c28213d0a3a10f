namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>An activity execution record.</summary>
public sealed class ActivityExecutionEntity
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The record (JSON).</summary>
    public string Data { get; set; } = "";
}
