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

/// <summary>Reads any JSON scalar as its text (Studio writes default values as strings; hand-written files use numbers).</summary>
public sealed class LenientStringConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
