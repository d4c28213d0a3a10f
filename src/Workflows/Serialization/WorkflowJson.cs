using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>The one set of JSON options for Elsa-compatible documents and API bodies.</summary>
public static class WorkflowJson
{
    /// <summary>camelCase on write, case-insensitive on read, enums as strings, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Like <see cref="Options"/> but indented, for exported files.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 128,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new RoundTripDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
