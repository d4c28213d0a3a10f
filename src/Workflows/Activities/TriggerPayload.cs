using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>A trigger produced by a published activity.</summary>
public sealed record TriggerPayload(string Name, JsonObject Payload);
