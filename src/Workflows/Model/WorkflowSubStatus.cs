namespace Opiskeluhuolto.Workflows.Model;

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
