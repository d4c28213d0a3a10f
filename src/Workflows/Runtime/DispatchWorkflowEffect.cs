using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Start a new instance of a published definition.</summary>
public sealed record DispatchWorkflowEffect(string DefinitionId, string InstanceId, JsonObject? Input, string? CorrelationId, string? ParentInstanceId, bool WaitForCompletion) : WorkflowEffect
{
    /// <summary>The parent's activity that waits for this child (a bulk dispatch); null when the parent waits by the child's id.</summary>
    public string? ParentActivityInstanceId { get; init; }
}
