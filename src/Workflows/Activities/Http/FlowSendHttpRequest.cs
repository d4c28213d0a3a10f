using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// <c>Elsa.FlowSendHttpRequest</c>: sends a request and completes with the status code (or <c>Unmatched status code</c>)
/// and <c>Done</c>; <c>Failed to connect</c> or <c>Timeout</c> on errors.
/// </summary>
public sealed class FlowSendHttpRequest(WorkflowHttp http) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowSendHttpRequest";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "HTTP", "Send an HTTP request.", displayName: "HTTP Request (flow)", kind: ActivityKind.Task,
        inputs:
        [
            Input("ExpectedStatusCodes", "List<Int32>", "A list of expected status codes to handle.", uiHint: "dynamic-outcomes", defaultValue: new JsonArray(200), defaultSyntax: "Object"),
            Input("Url", "Uri", "The URL to send the request to."),
            Input("Method", "String", "The HTTP method to use.", defaultValue: "GET", options: ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
            Input("Content", "Object", "The content to send with the request.", uiHint: "multiline"),
            Input("ContentType", "String", "The content type of the request.", options: ["", "application/json", "text/plain", "text/html", "application/x-www-form-urlencoded"]),
            Input("Authorization", "String", "The Authorization header value."),
            Input("DisableAuthorizationHeaderValidation", "Boolean", "Disable validation of the Authorization header."),
            Input("RequestHeaders", "Object", "The headers to send along with the request.", uiHint: "json-editor", defaultValue: new JsonObject(), defaultSyntax: "Object"),
        ],
        outputs: [Output("StatusCode", "Int32"), Output("ParsedContent"), Output("ResponseHeaders"), Output("Result", serializable: false)]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
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
            await context.CompleteAsync(["Failed to connect"]);
            return;
        }
        catch (TaskCanceledException e)
        {
            context.Workflow.Journal(context, "Error", e.Message);
            await context.CompleteAsync(["Timeout"]);
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            context.SetOutput("StatusCode", status);
            context.SetOutput("ResponseHeaders", response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => (object?)string.Join(", ", h.Value)));
            var body = await ReadCappedAsync(response.Content, http.Options.MaxResponseBytes, url);
            context.SetOutput("ParsedContent", Parse(body, response.Content.Headers.ContentType?.MediaType));
            var expected = context.Get<List<int>>("ExpectedStatusCodes") ?? [200];
            var outcome = expected.Contains(status) ? status.ToString(CultureInfo.InvariantCulture) : "Unmatched status code";
            await context.CompleteAsync([outcome, "Done"]);
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
