using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Persisted state of one activity execution context.</summary>
public sealed class ActivityContextState
{
    /// <summary>Context id (activity instance id).</summary>
    public string Id { get; set; } = "";

    /// <summary>Parent context id.</summary>
    public string? ParentContextId { get; set; }

    /// <summary>Node id of the activity.</summary>
    public string ScheduledActivityNodeId { get; set; } = "";

    /// <summary>Node id of the owner.</summary>
    public string? OwnerActivityNodeId { get; set; }

    /// <summary>Private activity state and persisted variables.</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>Evaluated inputs.</summary>
    public JsonObject? ActivityState { get; set; }

    /// <summary>Input this context was scheduled with (e.g. BackwardConnection).</summary>
    public JsonObject? ActivityInput { get; set; }

    /// <summary>Status.</summary>
    public ActivityStatus Status { get; set; }

    /// <summary>True if the context was executing when last persisted.</summary>
    public bool IsExecuting { get; set; }

    /// <summary>Aggregate fault count.</summary>
    public int FaultCount { get; set; }

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Tag.</summary>
    public string? Tag { get; set; }
}
