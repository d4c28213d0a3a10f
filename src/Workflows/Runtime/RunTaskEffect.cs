using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A task was requested from an external handler (Elsa's RunTaskRequest).</summary>
public sealed record RunTaskEffect(string WorkflowInstanceId, string TaskId, string TaskName, JsonNode? Payload) : WorkflowEffect;
