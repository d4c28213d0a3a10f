using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Workflow options.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Activation strategy type (AQN or short name).</summary>
    public string? ActivationStrategyType { get; set; }

    /// <summary>Exposes the workflow as an activity type.</summary>
    public bool? UsableAsActivity { get; set; }

    /// <summary>Re-version consumers when this definition is published.</summary>
    public bool AutoUpdateConsumingWorkflows { get; set; }

    /// <summary>Toolbox category when used as an activity.</summary>
    public string? ActivityCategory { get; set; }

    /// <summary>Incident strategy type (AQN or short name); null means the host default (fault).</summary>
    public string? IncidentStrategyType { get; set; }

    /// <summary>Commit strategy name.</summary>
    public string? CommitStrategyName { get; set; }

    /// <summary>Members this model does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
