using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

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
