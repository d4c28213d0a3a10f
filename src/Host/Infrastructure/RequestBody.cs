using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Reads JSON request bodies with the engine's tolerant reader; malformed bodies become 400s. A body must say it is JSON
/// (<c>Content-Type: application/json</c>, or any <c>+json</c> type): a page elsewhere can post <c>text/plain</c>
/// across sites without a CORS preflight, so anything else is refused with 415 before it is read.
/// </summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>The body as a JSON object (an empty body is an empty object).</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the body as JSON with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, null, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new JsonException($"The request body is not valid JSON: {e.Message}", e.Path ?? "$", e.LineNumber, e.BytePositionInLine, e);
        }

        return node as JsonObject ?? throw new JsonException("The request body must be a JSON object.", "$", 0, 0);
    }

    /// <summary>An optional string member.</summary>
    public static string? String(JsonObject body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        var value = Workflows.Serialization.ActivityJson.Get(body, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        if (value is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw new JsonException($"'{name}' must be a string.", name, 0, 0);
    }

    /// <summary>An optional boolean member.</summary>
    public static bool? Bool(JsonObject body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        var value = Workflows.Serialization.ActivityJson.Get(body, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new JsonException($"'{name}' must be true or false.", name, 0, 0),
        };
    }

    /// <summary>An optional object member, as a dictionary of dynamic values.</summary>
    public static Dictionary<string, object?>? Object(JsonObject body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        var value = Workflows.Serialization.ActivityJson.Get(body, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        if (value is not JsonObject o) throw new JsonException($"'{name}' must be an object.", name, 0, 0);
        return (Dictionary<string, object?>)Workflows.Values.DynamicJson.FromNode(o)!;
    }
}
