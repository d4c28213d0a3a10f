namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Main status of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Not finished.</summary>
    Running,

    /// <summary>Finished (completed, faulted or cancelled).</summary>
    Finished,
}
