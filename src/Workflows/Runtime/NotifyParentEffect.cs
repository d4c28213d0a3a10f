using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A child instance finished; resume the parent's wait bookmark with the child's output.</summary>
public sealed record NotifyParentEffect(string ParentInstanceId, string ChildInstanceId, string Status, string SubStatus, JsonObject Output) : WorkflowEffect
{
    /// <summary>The parent's activity that waits for the child (a bulk dispatch), when the child was started by one.</summary>
    public string? ParentActivityInstanceId { get; init; }
}
