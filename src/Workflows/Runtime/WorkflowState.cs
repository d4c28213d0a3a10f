using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Everything that survives between bursts of one workflow instance.</summary>
public sealed class WorkflowState
{
    /// <summary>Instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Definition version id the instance runs.</summary>
    public string DefinitionVersionId { get; set; } = "";

    /// <summary>Definition version number.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Parent instance (child workflows).</summary>
    public string? ParentWorkflowInstanceId { get; set; }

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Instance name.</summary>
    public string? Name { get; set; }

    /// <summary>Status.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>Sub-status.</summary>
    public WorkflowSubStatus SubStatus { get; set; }

    /// <summary>True while a burst runs.</summary>
    public bool IsExecuting { get; set; }

    /// <summary>Pending bookmarks.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Incidents.</summary>
    public List<ActivityIncident> Incidents { get; set; } = [];

    /// <summary>Kept for Studio's viewer; completion callbacks are implicit in this engine.</summary>
    public List<JsonObject> CompletionCallbacks { get; set; } = [];

    /// <summary>Live activity execution contexts.</summary>
    public List<ActivityContextState> ActivityExecutionContexts { get; set; } = [];

    /// <summary>Work queued when the burst was interrupted (normally empty).</summary>
    public List<ScheduledWorkState> ScheduledWork { get; set; } = [];

    /// <summary>Next journal sequence number.</summary>
    public long ExecutionLogSequence { get; set; }

    /// <summary>Persisted workflow input.</summary>
    public JsonObject Input { get; set; } = [];

    /// <summary>Workflow output.</summary>
    public JsonObject Output { get; set; } = [];

    /// <summary>Instance properties.</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>Engine-level fault, if any.</summary>
    public WorkflowFault? Fault { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Updated.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Finished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}
