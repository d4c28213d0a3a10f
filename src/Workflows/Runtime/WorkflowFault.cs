namespace Opiskeluhuolto.Workflows.Runtime;

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
