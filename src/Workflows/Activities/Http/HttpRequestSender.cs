using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>What sending a workflow's HTTP request came to: a status code, or why there was none.</summary>
internal sealed record HttpSendResult(int? StatusCode, string? Failure);

/// <summary>
/// The request both HTTP Request activities send (their common inputs and outputs): where it may go is checked by
/// <see cref="WorkflowHttp"/>; the status, headers and parsed body become outputs.
/// </summary>
internal static class HttpRequestSender
{
    /// <summary>The inputs the two activities share, after their own first one.</summary>
    public static IReadOnlyList<InputDescriptor> CommonInputs { get; } =
    [
        Input("Url", "Uri", "The URL to send the request to."),
        Input("Method", "String", "The HTTP method to use.", defaultValue: "GET", options: ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
        Input("Content", "Object", "The content to send with the request.", uiHint: "multiline"),
        Input("ContentType", "String", "The content type of the request.", options: ["", "application/json", "text/plain", "text/html", "application/x-www-form-urlencoded"]),
        Input("Authorization", "String", "The Authorization header value."),
        Input("DisableAuthorizationHeaderValidation", "Boolean", "Disable validation of the Authorization header."),
        Input("RequestHeaders", "Object", "The headers to send along with the request.", uiHint: "json-editor", defaultValue: new JsonObject(), defaultSyntax: "Object"),
    ];

    /// <summary>The outputs the two activities share.</summary>
    public static IReadOnlyList<OutputDescriptor> Outputs { get; } =
        [Output("StatusCode", "Int32"), Output("ParsedContent"), Output("ResponseHeaders"), Output("Result", serializable: false)];

    /// <summary>Sends the request; a refused destination or an oversized response faults (throws).</summary>
    public static async Task<HttpSendResult> SendAsync(ActivityExecutionContext context, WorkflowHttp http)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(http);
        var url = context.Get<Uri>("Url") ?? throw new InvalidOperationException("HTTP Request needs a URL.");
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new HttpDestinationRefusedException($"HTTP Request needs an absolute http or https URL, not '{url}'.");
        if (!http.Options.Permits(url.IdnHost))
            throw new HttpDestinationRefusedException($"The HTTP request to '{url.IdnHost}' was refused: the host is not in HttpActivities:AllowedHosts.");
        using var request = new HttpRequestMessage(new HttpMethod(context.Get<string>("Method") ?? "GET"), url);
        if (context.Get("Content") is { } content)
        {
            var contentType = context.Get<string>("ContentType") is { Length: > 0 } ct ? ct : content is string ? "text/plain" : "application/json";
            var text = content as string ?? DynamicJson.ToJsonString(content);
            request.Content = new StringContent(text, Encoding.UTF8, contentType);
        }

        if (context.Get<string>("Authorization") is { Length: > 0 } authorization)
        {
            if (context.Get<bool?>("DisableAuthorizationHeaderValidation") == true) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            else request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        if (context.Get("RequestHeaders") is IDictionary<string, object?> headers)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e) when (e.InnerException is HttpDestinationRefusedException refused)
        {
            throw refused; // not a network failure: the workflow asked for somewhere it may not go, so the activity faults
        }
        catch (HttpRequestException e)
        {
            context.Workflow.Journal(context, "Error", e.Message);
            return new HttpSendResult(null, "Failed to connect");
        }
        catch (TaskCanceledException e)
        {
            context.Workflow.Journal(context, "Error", e.Message);
            return new HttpSendResult(null, "Timeout");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            context.SetOutput("StatusCode", status);
            context.SetOutput("ResponseHeaders", response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => (object?)string.Join(", ", h.Value)));
            var body = await ReadCappedAsync(response.Content, http.Options.MaxResponseBytes, url);
            context.SetOutput("ParsedContent", Parse(body, response.Content.Headers.ContentType?.MediaType));
            return new HttpSendResult(status, null);
        }

    }

    private static async Task<string> ReadCappedAsync(HttpContent content, long limit, Uri url)
    {
        string TooLarge() => $"The response from '{url.IdnHost}' is larger than HttpActivities:MaxResponseBytes ({limit} bytes); it was not read into the workflow.";
        if (content.Headers.ContentLength > limit) throw new HttpDestinationRefusedException(TooLarge());
        await using var stream = await content.ReadAsStreamAsync();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit) throw new HttpDestinationRefusedException(TooLarge());
            buffer.Write(chunk, 0, read);
        }

        var charset = content.Headers.ContentType?.CharSet;
        var encoding = charset is { Length: > 0 } ? TryEncoding(charset.Trim('"')) : null;
        return (encoding ?? Encoding.UTF8).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Encoding? TryEncoding(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static object? Parse(string body, string? mediaType)
    {
        if (string.IsNullOrEmpty(body)) return null;
        if (mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return DynamicJson.FromNode(JsonNode.Parse(body));
            }
            catch (JsonException)
            {
                return body;
            }
        }

        return body;
    }
}
