using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Values;

/// <summary>
/// Converts between JSON and the engine's dynamic value model: null, string, bool, long, double, decimal,
/// DateTimeOffset, TimeSpan, Guid, <see cref="Dictionary{TKey,TValue}"/> of string to object and <see cref="List{T}"/> of object.
/// </summary>
public static class DynamicJson
{
    /// <summary>JSON to a dynamic value.</summary>
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => FromNode(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(FromNode).ToList(),
        JsonValue v => FromValue(v),
        _ => null,
    };

    /// <summary>JSON element to a dynamic value.</summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object? FromValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element)) return FromElement(element);
        if (value.TryGetValue<string>(out var s)) return s;
        if (value.TryGetValue<bool>(out var b)) return b;
        if (value.TryGetValue<long>(out var l)) return l;
        if (value.TryGetValue<int>(out var i)) return (long)i;
        if (value.TryGetValue<double>(out var d)) return d;
        if (value.TryGetValue<decimal>(out var m)) return m;
        return value.ToJsonString();
    }

    /// <summary>A dynamic (or any plain CLR) value to JSON.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short sh => JsonValue.Create(sh),
        float f => JsonValue.Create(f),
        double d => double.IsFinite(d) ? (d == Math.Floor(d) && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d)) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        decimal m => JsonValue.Create(m),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Uri u => JsonValue.Create(u.ToString()),
        Enum en => JsonValue.Create(en.ToString()),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        IDictionary<string, object?> dict => ToObject(dict),
        IDictionary dict => ToObject(dict.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", k => dict[k])),
        IEnumerable enumerable => new JsonArray(enumerable.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Serialization.WorkflowJson.Options),
    };

    private static JsonObject ToObject(IEnumerable<KeyValuePair<string, object?>> dict)
    {
        var result = new JsonObject();
        foreach (var (k, v) in dict) result[k] = ToNode(v);
        return result;
    }

    /// <summary>Serialises a dynamic value to JSON text.</summary>
    public static string ToJsonString(object? value) => ToNode(value)?.ToJsonString(Serialization.WorkflowJson.Options) ?? "null";
}
