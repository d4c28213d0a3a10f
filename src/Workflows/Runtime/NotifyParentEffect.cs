using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A child instance finished; resume the parent's wait bookmark with the child's output.</summary>
public sealed record NotifyParentEffect(string ParentInstanceId, string ChildInstanceId, string Status, string SubStatus, JsonObject Output) : WorkflowEffect;
