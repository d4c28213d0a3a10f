using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

/// <summary>A declared workflow input.</summary>
public sealed class InputDefinition
{
    /// <summary>Type alias.</summary>
    public string Type { get; set; } = "Object";

    /// <summary>Technical name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whether the input is an array (null when the document did not say).</summary>
    public bool? IsArray { get; set; }

    /// <summary>Display name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Category.</summary>
    public string Category { get; set; } = "";

    /// <summary>UI hint.</summary>
    public string? UiHint { get; set; }

    /// <summary>Storage driver; Workflow/WorkflowInstance drivers persist the value in the instance.</summary>
    public string? StorageDriverType { get; set; }

    /// <summary>Members this model does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A declared workflow output.</summary>
public sealed class OutputDefinition
{
    /// <summary>Type alias.</summary>
    public string Type { get; set; } = "Object";

    /// <summary>Technical name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whether the output is an array (null when the document did not say).</summary>
    public bool? IsArray { get; set; }

    /// <summary>Display name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Category.</summary>
    public string Category { get; set; } = "";

    /// <summary>Members this model does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

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
