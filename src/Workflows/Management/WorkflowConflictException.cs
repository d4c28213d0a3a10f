namespace Opiskeluhuolto.Workflows.Management;

/// <summary>The request conflicts with the stored state (e.g. retracting an unpublished definition).</summary>
public sealed class WorkflowConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowConflictException() { }

    /// <summary>Creates the exception.</summary>
    public WorkflowConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowConflictException(string message, Exception inner) : base(message, inner) { }
}
