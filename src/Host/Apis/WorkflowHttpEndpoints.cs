using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Activities.Http;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// Elsa's HTTP workflows: a request under <c>/workflows/</c> is matched against the routes of the published
/// <c>HTTP Endpoint</c> triggers and of the waiting endpoints (their bookmarks), checked against the endpoint's
/// <c>authorize</c>/<c>policy</c> with the API credentials (API key, Studio token, JWT — never the cookie, so a page
/// elsewhere cannot post as a signed-in user), and then starts or resumes that one workflow inside the request; what
/// its <c>HTTP Response</c> wrote is the answer. Rate limited per address and body size capped
/// (<c>HttpActivities:EndpointRequestsPerMinute</c>, <c>HttpActivities:MaxRequestBytes</c>).
/// </summary>
public static class WorkflowHttpEndpoints
{
    /// <summary>Base path of the routes.</summary>
    public const string BasePath = "/workflows";

    /// <summary>Rate limiter policy name.</summary>
    public const string RateLimitPolicy = "workflow-http";

    private static readonly string[] CredentialHeaders = ["Authorization", "Cookie", "X-Api-Key", "Proxy-Authorization"];

    /// <summary>Maps <c>/workflows/{**path}</c> for every method.</summary>
    public static void MapWorkflowHttpEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Map(BasePath + "/{**path}", HandleAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().ExcludeFromDescription();
    }

    private sealed record Route(JsonObject Payload, string Hash, RouteValueDictionary Values);

    private static async Task<IResult> HandleAsync(HttpContext http, string? path, IDbContextFactory<WorkflowsDbContext> contexts, WorkflowRuntime runtime, IOptions<HttpActivityOptions> options, IAuthorizationService authorization, IAuthenticationSchemeProvider schemes)
    {
        var cancellationToken = http.RequestAborted;
        var method = http.Request.Method.ToUpperInvariant();
        var requestPath = "/" + (path ?? "").Trim('/');
        var instanceId = First(http.Request.Query["workflowInstanceId"], http.Request.Headers["X-Workflow-Instance-ID"]);
        var correlationId = First(http.Request.Query["correlationId"], http.Request.Headers["X-Correlation-ID"]);

        var routes = await MatchAsync(contexts, requestPath, method, cancellationToken);
        if (routes.Count == 0) return Problem(StatusCodes.Status404NotFound, "No workflow answers this route.", $"No published or waiting HTTP Endpoint matches {method} {BasePath}{requestPath}.");

        // Every matching endpoint's conditions must hold: the strictest wins.
        if (routes.Any(r => r.Payload["Authorize"]?.GetValue<bool>() == true || r.Payload["Policy"] is not null))
        {
            var user = await AuthenticateAsync(http, schemes);
            if (user is null) return Problem(StatusCodes.Status401Unauthorized, "Sign in first.", "This endpoint accepts authenticated requests only (an API key or a bearer token).");
            foreach (var policy in routes.Select(r => r.Payload["Policy"]?.GetValue<string>()).OfType<string>().Distinct())
            {
                var allowed = policy switch
                {
                    "admin" => AdminRequirementHandler.PolicyName,
                    "coordinator" => CoordinatorRequirementHandler.PolicyName,
                    _ => policy,
                };
                if (!(await authorization.AuthorizeAsync(user, allowed)).Succeeded) return Problem(StatusCodes.Status403Forbidden, "Not allowed.", $"This endpoint requires the policy '{policy}'.");
            }
        }

        var limit = routes.Select(r => r.Payload["RequestSizeLimit"]?.GetValue<long>()).OfType<long>().Append(options.Value.MaxRequestBytes).Min();
        var body = await ReadBodyAsync(http.Request, limit, cancellationToken);
        if (body.Problem is { } bodyProblem) return bodyProblem;

        var hashes = routes.Select(r => r.Hash).Distinct().ToList();
        var candidates = await CountCandidatesAsync(contexts, hashes, instanceId, correlationId, cancellationToken);
        if (candidates == 0) return Problem(StatusCodes.Status404NotFound, "No workflow answers this route.", "No published workflow starts here and no running one waits here" + ((instanceId ?? correlationId) is null ? "." : " for the given instance or correlation id."));
        if (candidates > 1)
            return Problem(StatusCodes.Status409Conflict, "The call is ambiguous and matches multiple workflows.", "Name the instance with ?workflowInstanceId= or ?correlationId= (or the X-Workflow-Instance-ID / X-Correlation-ID header).");

        var route = routes.First();
        var exchange = new HttpExchange
        {
            Method = method,
            Path = requestPath,
            RouteData = route.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase),
            QueryStringData = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.Count == 1 ? (object?)q.Value[0] : q.Value.ToList(), StringComparer.OrdinalIgnoreCase),
            Headers = http.Request.Headers.Where(h => !CredentialHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => (object?)h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            ParsedContent = body.Value,
        };
        IReadOnlyList<string> affected;
        var previous = HttpExchange.Current;
        HttpExchange.Current = exchange;
        try
        {
            affected = await runtime.DeliverAsync(new Stimulus(route.Hash, null, correlationId, instanceId, null, CanStartWorkflows: instanceId is null, QueueIfUnmatched: false), cancellationToken);
        }
        catch (WorkflowActivationRefusedException e)
        {
            return Problem(StatusCodes.Status409Conflict, "The workflow is already running.", e.Message);
        }
        finally
        {
            HttpExchange.Current = previous;
        }

        if (exchange.ResponseStatusCode is { } status)
        {
            foreach (var (name, value) in exchange.ResponseHeaders) http.Response.Headers[name] = value;
            http.Response.StatusCode = status;
            return Results.Bytes(exchange.ResponseBody, exchange.ResponseContentType);
        }

        return Results.Json(new { workflowInstanceIds = affected });
    }

    private static async Task<List<Route>> MatchAsync(IDbContextFactory<WorkflowsDbContext> contexts, string requestPath, string method, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payloads = await db.Triggers.AsNoTracking().Where(t => t.Name == HttpEndpoint.StimulusName).Select(t => t.Payload)
            .Concat(db.Bookmarks.AsNoTracking().Where(b => b.Name == HttpEndpoint.StimulusName).Select(b => b.Payload))
            .Distinct().ToListAsync(cancellationToken);
        var routes = new List<Route>();
        foreach (var text in payloads.OfType<string>())
        {
            if (JsonNode.Parse(text) is not JsonObject payload) continue;
            if (!string.Equals(payload["Method"]?.GetValue<string>(), method, StringComparison.OrdinalIgnoreCase)) continue;
            var template = payload["Route"]?.GetValue<string>() ?? payload["Path"]?.GetValue<string>() ?? "";
            RouteTemplate parsed;
            try
            {
                parsed = TemplateParser.Parse(template.Trim('/'));
            }
            catch (ArgumentException)
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (new TemplateMatcher(parsed, []).TryMatch(requestPath, values))
                routes.Add(new Route(payload, StimulusHasher.Hash(HttpEndpoint.StimulusName, payload), values));
        }

        // A literal route beats one with parameters (plans/new before plans/{id}), as ASP.NET orders them.
        return routes.GroupBy(r => r.Payload["Route"]?.GetValue<string>()?.Count(c => c == '{') ?? 0).OrderBy(g => g.Key).FirstOrDefault()?.ToList() ?? [];
    }

    private static async Task<int> CountCandidatesAsync(IDbContextFactory<WorkflowsDbContext> contexts, List<string> hashes, string? instanceId, string? correlationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var starts = instanceId is null
            ? await db.Triggers.AsNoTracking().Where(t => hashes.Contains(t.Hash))
                .Join(db.WorkflowDefinitions.Where(d => d.IsPublished), t => t.WorkflowDefinitionVersionId, d => d.Id, (t, _) => t.Id).CountAsync(cancellationToken)
            : 0;
        var waits = db.Bookmarks.AsNoTracking().Where(b => hashes.Contains(b.Hash));
        if (instanceId is not null) waits = waits.Where(b => b.WorkflowInstanceId == instanceId);
        if (correlationId is not null) waits = waits.Where(b => b.CorrelationId == correlationId);
        return starts + await waits.Select(b => b.WorkflowInstanceId).Distinct().CountAsync(cancellationToken);
    }

    private static async Task<(object? Value, IResult? Problem)> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return (null, TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0) return (null, null);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (request.HasJsonContentType())
        {
            try
            {
                return (DynamicJson.FromNode(JsonNode.Parse(text, null, new JsonDocumentOptions { MaxDepth = 64 })), null);
            }
            catch (JsonException e)
            {
                return (null, Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", e.Message));
            }
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (form.ToDictionary(f => f.Key, f => f.Value.Count == 1 ? (object?)f.Value[0] : f.Value.ToList()), null);
        }

        if (request.ContentType is null || request.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)) return (text, null);
        return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported body.", $"Content-Type '{request.ContentType}' is not read: send JSON, a form or text."));
    }

    private static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"This endpoint accepts at most {limit} bytes.");

    private static async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(HttpContext http, IAuthenticationSchemeProvider schemes)
    {
        foreach (var name in new[] { ApiKeyAuthenticationHandler.SchemeName, Studio.StudioBearerHandler.SchemeName, JwtAuthentication.SchemeName })
        {
            if (await schemes.GetSchemeAsync(name) is null) continue;
            var result = await http.AuthenticateAsync(name);
            if (result.Succeeded) return result.Principal;
        }

        return null;
    }

    private static string? First(params Microsoft.Extensions.Primitives.StringValues[] values) =>
        values.Select(v => v.ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
