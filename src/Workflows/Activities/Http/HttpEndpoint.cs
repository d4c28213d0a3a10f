using System.Collections;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// <c>Elsa.HttpEndpoint</c>: a route under the host's <c>/workflows/</c> base path. As a trigger a matching request
/// starts the workflow; placed mid-flow it waits for one (the caller names the instance with
/// <c>?workflowInstanceId=</c> or <c>?correlationId=</c>). Its outputs are the parsed body, route values, query
/// and headers of the request. The payload of its triggers and bookmarks is <c>{Path, Method}</c> as Elsa's, plus the
/// route template as written and its <c>authorize</c>/<c>policy</c>, which the host enforces before anything runs.
/// </summary>
public sealed class HttpEndpoint : Activity
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "HEAD", "DELETE"];

    /// <inheritdoc />
    public override string TypeName => "Elsa.HttpEndpoint";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "HTTP", "Wait for an inbound HTTP request that matches the specified path and methods.", displayName: "HTTP Endpoint", kind: ActivityKind.Trigger,
        inputs:
        [
            Input("Path", "String", "The relative path that will trigger this activity, e.g. plans/{planId}/decision."),
            Input("SupportedMethods", "List<String>", "The HTTP methods that will trigger this activity.", uiHint: "checklist", defaultValue: new JsonArray("GET"), defaultSyntax: "Object", options: Methods),
            Input("Authorize", "Boolean", "Allow authenticated requests only.", category: "Security"),
            Input("Policy", "String", "Allow requests that satisfy this policy only (admin or coordinator).", category: "Security"),
            Input("RequestSizeLimit", "Int64", "The largest request body accepted, in bytes (the host's own limit still applies).", category: "Upload"),
        ],
        outputs:
        [
            Output("ParsedContent", "Object", "The body of the request, parsed by its content type."),
            Output("RouteData", "ObjectDictionary", "The values of the route's parameters."),
            Output("QueryStringData", "ObjectDictionary", "The query string values."),
            Output("Headers", "ObjectDictionary", "The request headers (credentials left out)."),
            Output("Result", "Object", "The request.", serializable: false),
        ]);

    /// <summary>The bookmark and trigger name.</summary>
    public const string StimulusName = "Elsa.HttpEndpoint";

    /// <summary>Elsa's normalised path: a leading slash, no trailing one, lower case.</summary>
    public static string NormalizePath(string path) => "/" + (path ?? "").Trim().Trim('/').ToLowerInvariant();

    /// <summary>The payload of one method of an endpoint.</summary>
    public static JsonObject Payload(string route, string method, bool authorize, string? policy, long? sizeLimit) => new()
    {
        ["Path"] = NormalizePath(route),
        ["Method"] = method.ToLowerInvariant(),
        ["Route"] = route.Trim().Trim('/'),
        ["Authorize"] = authorize,
        ["Policy"] = string.IsNullOrWhiteSpace(policy) ? null : policy,
        ["RequestSizeLimit"] = sizeLimit,
    };

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetInput("Path") is not string { Length: > 0 } path) yield break;
        foreach (var method in MethodsOf(context.GetInput("SupportedMethods")))
            yield return new TriggerPayload(StimulusName, Payload(path, method, context.GetInput("Authorize") is true, context.GetInput("Policy") as string, Values.ValueConverter.Convert<long?>(context.GetInput("RequestSizeLimit"))));
    }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsTriggerOfWorkflow) return ReceiveAsync(context);
        var path = context.Get<string>("Path");
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidOperationException("HTTP Endpoint needs a path.");
        foreach (var method in MethodsOf(context.Get("SupportedMethods")))
            context.CreateBookmark(StimulusName, Payload(path, method, context.Get<bool?>("Authorize") == true, context.Get<string>("Policy"), context.Get<long?>("RequestSizeLimit")));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark) => ReceiveAsync(context);

    /// <inheritdoc />
    public override void Validate(ActivityNode node, Management.ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        if (Expressions.InputExpression.FromInput(node.Get("path")) is { Type: "Literal", Text: { } path } && path.Contains("//", StringComparison.Ordinal))
            context.Add($"{node} has a path with an empty segment ('//').", "path");
    }

    private static ValueTask ReceiveAsync(ActivityExecutionContext context)
    {
        if (HttpExchange.Current is { } exchange)
        {
            context.SetOutput("ParsedContent", exchange.ParsedContent);
            context.SetOutput("RouteData", exchange.RouteData);
            context.SetOutput("QueryStringData", exchange.QueryStringData);
            context.SetOutput("Headers", exchange.Headers);
            context.SetOutput("Result", exchange.ToRequestObject());
        }

        return context.CompleteAsync();
    }

    private static IEnumerable<string> MethodsOf(object? value)
    {
        var methods = value switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object?>().Select(m => m?.ToString()).OfType<string>(),
            _ => ["GET"],
        };
        return methods.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).Distinct().DefaultIfEmpty("GET");
    }
}
