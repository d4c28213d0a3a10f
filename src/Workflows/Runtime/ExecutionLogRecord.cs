using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>One journal entry (Elsa's WorkflowExecutionLogRecord).</summary>
public sealed class ExecutionLogRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string WorkflowDefinitionId { get; set; } = "";

    /// <summary>Definition version id.</summary>
    public string WorkflowDefinitionVersionId { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Definition version.</summary>
    public int WorkflowVersion { get; set; }

    /// <summary>Activity execution context id.</summary>
    public string ActivityInstanceId { get; set; } = "";

    /// <summary>Parent context id.</summary>
    public string? ParentActivityInstanceId { get; set; }

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Activity type version.</summary>
    public int ActivityTypeVersion { get; set; }

    /// <summary>Activity name.</summary>
    public string? ActivityName { get; set; }

    /// <summary>Node id.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Per-instance sequence.</summary>
    public long Sequence { get; set; }

    /// <summary>Started, Completed, Suspended, Resumed, Faulted, Canceled…</summary>
    public string? EventName { get; set; }

    /// <summary>Message.</summary>
    public string? Message { get; set; }

    /// <summary>Source.</summary>
    public string? Source { get; set; }

    /// <summary>Evaluated inputs at this point.</summary>
    public JsonObject? ActivityState { get; set; }

    /// <summary>Payload.</summary>
    public JsonNode? Payload { get; set; }
}
