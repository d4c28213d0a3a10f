using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Options of a new run.</summary>
public sealed record StartWorkflowRequest
{
    /// <summary>Instance id to assign; generated when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Input.</summary>
    public IDictionary<string, object?>? Input { get; init; }

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Trigger activity to start at.</summary>
    public string? TriggerActivityId { get; init; }

    /// <summary>Parent instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Instance properties.</summary>
    public JsonObject? Properties { get; init; }

    /// <summary>Instance name.</summary>
    public string? Name { get; init; }
}
