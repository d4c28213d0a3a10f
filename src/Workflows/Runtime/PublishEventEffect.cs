using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Publish an event (resume waiting instances, start triggered ones).</summary>
public sealed record PublishEventEffect(string EventName, string? CorrelationId, string? WorkflowInstanceId, JsonNode? Payload) : WorkflowEffect;
