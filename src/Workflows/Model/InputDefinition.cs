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
