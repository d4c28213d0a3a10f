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

/// <summary>An activity fault recorded on the instance.</summary>
public sealed class ActivityIncident
{
    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Exception details.</summary>
    public ExceptionState? Exception { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>Serializable exception details.</summary>
public sealed class ExceptionState
{
    /// <summary>Exception type name.</summary>
    public string Type { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Stack trace.</summary>
    public string? StackTrace { get; set; }

    /// <summary>Inner exception.</summary>
    public ExceptionState? InnerException { get; set; }

    /// <summary>Extra data (fault code, category…).</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Captures an exception.</summary>
    public static ExceptionState From(Exception e) => new()
    {
        Type = e.GetType().FullName ?? e.GetType().Name,
        Message = e.Message,
        StackTrace = e.StackTrace,
        InnerException = e.InnerException is null ? null : From(e.InnerException),
        Metadata = e is FaultException f ? new JsonObject { ["code"] = f.Code, ["category"] = f.Category, ["type"] = f.FaultType } : null,
    };
}

/// <summary>A workflow-level fault.</summary>
public sealed class WorkflowFault
{
    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Exception.</summary>
    public ExceptionState? Exception { get; set; }

    /// <summary>Faulted activity id.</summary>
    public string? FaultedActivityId { get; set; }
}

/// <summary>Raised by <c>Elsa.Fault</c>.</summary>
public sealed class FaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FaultException(string code, string category, string faultType, string message) : base(message)
    {
        Code = code;
        Category = category;
        FaultType = faultType;
    }

    /// <summary>Creates the exception.</summary>
    public FaultException() : this("0", "General", "System", "Fault") { }

    /// <summary>Creates the exception.</summary>
    public FaultException(string message) : this("0", "General", "System", message) { }

    /// <summary>Creates the exception.</summary>
    public FaultException(string message, Exception inner) : base(message, inner)
    {
        Code = "0";
        Category = "General";
        FaultType = "System";
    }

    /// <summary>Fault code.</summary>
    public string Code { get; }

    /// <summary>Fault category.</summary>
    public string Category { get; }

    /// <summary>Fault type.</summary>
    public string FaultType { get; }
}
