using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>Reads a file as its record: camelCase members, text trimmed and blank text absent, wrong types named by path.</summary>
internal static class FileJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new TrimmedText() },
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static T Read<T>(JsonObject file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return file.Deserialize<T>(Options)!;
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p ? p[2..] : "file";
            throw new CyclePlanException(path, "file.wrongType", path);
        }
    }

    /// <summary>A string value trimmed; null when blank or when the value is not text (as the planner always read it).</summary>
    private sealed class TrimmedText : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
            JsonTokenType.StartObject or JsonTokenType.StartArray => SkipValue(ref reader),
            _ => null,
        };

        private static string? SkipValue(ref Utf8JsonReader reader)
        {
            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
