using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>Writes <see cref="DateTimeOffset"/> in the round-trip ("O") format, as Elsa does.</summary>
public sealed class RoundTripDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && DateTimeOffset.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException("Expected an ISO-8601 date and time.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
