namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Main status of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Not finished.</summary>
    Running,

    /// <summary>Finished (completed, faulted or cancelled).</summary>
    Finished,
}

/// <summary>Sub-status of a workflow instance.</summary>
public enum WorkflowSubStatus
{
    /// <summary>Created, not yet executed.</summary>
    Pending,

    /// <summary>A burst is running.</summary>
    Executing,

    /// <summary>Waiting on bookmarks.</summary>
    Suspended,

    /// <summary>Completed.</summary>
    Finished,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>Faulted.</summary>
    Faulted,

    /// <summary>Drained during shutdown; resumable.</summary>
    Interrupted,
}

/// <summary>Status of an activity execution context.</summary>
public enum ActivityStatus
{
    /// <summary>Created; not running.</summary>
    Pending,

    /// <summary>Running or waiting.</summary>
    Running,

    /// <summary>Completed.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Canceled,

    /// <summary>Faulted.</summary>
    Faulted,
}

/// <summary>Descriptor kind of an activity.</summary>
public enum ActivityKind
{
    /// <summary>Runs inline.</summary>
    Action,

    /// <summary>Can start workflows.</summary>
    Trigger,

    /// <summary>Inline unless run asynchronously.</summary>
    Task,

    /// <summary>Always in the background.</summary>
    Job,
}

/// <summary>Join mode of <c>Elsa.FlowJoin</c>.</summary>
public enum FlowJoinMode
{
    /// <summary>Wait for all inbound connections; schedule when all were followed.</summary>
    WaitAll,

    /// <summary>Wait for all; schedule when any was followed (the implicit join).</summary>
    WaitAllActive,

    /// <summary>First arrival wins and cancels the other inbound branches.</summary>
    WaitAny,
}
