namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// The HTTP request a workflow is started or resumed by, and the response it writes, for the duration of that one
/// burst. The web host sets <see cref="Current"/> around the run; it is never persisted, so a workflow resumed later by
/// something else has none (and <c>WriteHttpResponse</c> faults, as Elsa's does).
/// </summary>
public sealed class HttpExchange
{
    private static readonly AsyncLocal<HttpExchange?> Ambient = new();

    /// <summary>The exchange of the current run, if it was started by a request.</summary>
    public static HttpExchange? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Upper-case method.</summary>
    public required string Method { get; init; }

    /// <summary>The path below the workflows' base path, with a leading slash.</summary>
    public required string Path { get; init; }

    /// <summary>Values of the route template's parameters.</summary>
    public IReadOnlyDictionary<string, object?> RouteData { get; init; } = new Dictionary<string, object?>();

    /// <summary>Query string values (one value, or a list when repeated).</summary>
    public IReadOnlyDictionary<string, object?> QueryStringData { get; init; } = new Dictionary<string, object?>();

    /// <summary>Request headers, credentials left out.</summary>
    public IReadOnlyDictionary<string, object?> Headers { get; init; } = new Dictionary<string, object?>();

    /// <summary>The body parsed by its content type (JSON as objects and lists, forms as a dictionary, text as text).</summary>
    public object? ParsedContent { get; init; }

    /// <summary>Status code the workflow answered with (null: it wrote no response).</summary>
    public int? ResponseStatusCode { get; set; }

    /// <summary>Content type of the response.</summary>
    public string? ResponseContentType { get; set; }

    /// <summary>Response body.</summary>
    public byte[] ResponseBody { get; set; } = [];

    /// <summary>Extra response headers.</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The request as one object (the activity's <c>Result</c> output).</summary>
    public IReadOnlyDictionary<string, object?> ToRequestObject() => new Dictionary<string, object?>
    {
        ["Method"] = Method, ["Path"] = Path, ["RouteData"] = RouteData, ["QueryStringData"] = QueryStringData, ["Headers"] = Headers,
    };
}
