using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

/// <summary>A declared variable of a workflow or container activity.</summary>
public sealed class VariableDefinition
{
    /// <summary>Variable id; output bindings and <c>Variable</c> expressions refer to it.</summary>
    public string Id { get; set; } = "";

    /// <summary>Variable name; scripts refer to it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Type alias (String, Int32, Object, …).</summary>
    public string TypeName { get; set; } = "Object";

    /// <summary>Makes the variable an array of <see cref="TypeName"/>.</summary>
    public bool IsArray { get; set; }

    /// <summary>Default value as text.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; set; }

    /// <summary>Storage driver type; null means the variable is not persisted across suspensions.</summary>
    public string? StorageDriverTypeName { get; set; }

    /// <summary>Members this model does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
