using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// <c>Elsa.WriteHttpResponse</c>: answers the request that started or resumed this run — status code, content (text
/// as it is, anything else as JSON), content type and headers. Without such a request (the workflow was resumed by
/// something else) it faults, as Elsa's does.
/// </summary>
public sealed class WriteHttpResponse : Activity
{
    private static readonly string[] StatusCodes = Enum.GetNames<HttpStatusCode>().Distinct().ToArray();

    /// <inheritdoc />
    public override string TypeName => "Elsa.WriteHttpResponse";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "HTTP", "Write a response to the current HTTP request.", displayName: "HTTP Response",
        inputs:
        [
            Input("StatusCode", "HttpStatusCode", "The status code to return.", defaultValue: "OK", options: StatusCodes),
            Input("Content", "Object", "The content to write back. Text is sent as it is, anything else as JSON.", uiHint: "multiline"),
            Input("ContentType", "String", "The content type of the response (chosen from the content when empty).", options: ["", "application/json", "text/plain", "text/html", "application/xml"]),
            Input("ResponseHeaders", "Object", "Headers to send with the response.", uiHint: "json-editor", defaultValue: new JsonObject(), defaultSyntax: "Object"),
        ],
        outcomes: ["Done"]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exchange = HttpExchange.Current
            ?? throw new FaultException("NoHttpContext", "HTTP", "System", "Cannot write an HTTP response: this run was not started or resumed by an HTTP request.");
        exchange.ResponseStatusCode = StatusCodeOf(context.Get("StatusCode"));
        var content = context.Get("Content");
        var contentType = context.Get<string>("ContentType");
        switch (content)
        {
            case null:
                exchange.ResponseBody = [];
                break;
            case string text:
                exchange.ResponseBody = Encoding.UTF8.GetBytes(text);
                contentType = string.IsNullOrWhiteSpace(contentType) ? "text/plain; charset=utf-8" : contentType;
                break;
            case byte[] bytes:
                exchange.ResponseBody = bytes;
                contentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
                break;
            default:
                exchange.ResponseBody = Encoding.UTF8.GetBytes(DynamicJson.ToJsonString(content));
                contentType = string.IsNullOrWhiteSpace(contentType) ? "application/json; charset=utf-8" : contentType;
                break;
        }

        exchange.ResponseContentType = string.IsNullOrWhiteSpace(contentType) ? null : contentType;
        if (context.Get("ResponseHeaders") is IEnumerable<KeyValuePair<string, object?>> headers)
        {
            foreach (var (name, value) in headers)
            {
                if (value is not null) exchange.ResponseHeaders[name] = value is not string && value is IEnumerable<object?> many ? string.Join(", ", many) : value.ToString() ?? "";
            }
        }

        return context.CompleteAsync();
    }

    private static int StatusCodeOf(object? value) => value switch
    {
        null => 200,
        int code => code,
        long code => (int)code,
        double code => (int)code,
        HttpStatusCode code => (int)code,
        string name when int.TryParse(name, out var code) => code,
        string name when Enum.TryParse<HttpStatusCode>(name, ignoreCase: true, out var code) => (int)code,
        _ => throw new FaultException("InvalidStatusCode", "HTTP", "System", $"'{value}' is not an HTTP status code."),
    };
}
