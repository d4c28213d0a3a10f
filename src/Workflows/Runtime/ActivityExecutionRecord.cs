using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>One activity execution (Elsa's ActivityExecutionRecord).</summary>
public sealed class ActivityExecutionRecord
{
    /// <summary>Id (= activity instance id).</summary>
    public string Id { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Type version.</summary>
    public int ActivityTypeVersion { get; set; }

    /// <summary>Name.</summary>
    public string? ActivityName { get; set; }

    /// <summary>Evaluated inputs.</summary>
    public JsonObject? ActivityState { get; set; }

    /// <summary>Journal data (Outcomes…).</summary>
    public JsonObject? Payload { get; set; }

    /// <summary>Outputs.</summary>
    public JsonObject? Outputs { get; set; }

    /// <summary>Properties.</summary>
    public JsonObject? Properties { get; set; }

    /// <summary>Metadata.</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Exception.</summary>
    public ExceptionState? Exception { get; set; }

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Whether bookmarks were pending.</summary>
    public bool HasBookmarks { get; set; }

    /// <summary>Status.</summary>
    public ActivityStatus Status { get; set; }

    /// <summary>Aggregate fault count.</summary>
    public int AggregateFaultCount { get; set; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Scheduling execution id.</summary>
    public string? SchedulingActivityExecutionId { get; set; }

    /// <summary>Scheduling activity id.</summary>
    public string? SchedulingActivityId { get; set; }

    /// <summary>Scheduling instance id.</summary>
    public string? SchedulingWorkflowInstanceId { get; set; }

    /// <summary>Call stack depth.</summary>
    public int CallStackDepth { get; set; }
}
