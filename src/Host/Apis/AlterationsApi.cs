using System.Text.Json.Nodes;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Alterations;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// Elsa's alterations REST API (admin only): run alterations on given instances now, submit a plan over a filter
/// (carried out in the background), read a plan with its jobs, dry-run a filter (with what a migration would do), and
/// retry the faulted activities of instances.
/// </summary>
public static class AlterationsApi
{
    /// <summary>Maps the routes under <c>/alterations</c>.</summary>
    public static RouteGroupBuilder MapAlterationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/alterations").WithTags("Alterations");
        group.MapPost("/run", RunAsync).WithName("RunAlterations").WithSummary("Applies alterations to the given instances now; all or nothing per instance.");
        group.MapPost("/submit", SubmitAsync).WithName("SubmitAlterationPlan").WithSummary("Stores a plan over an instance filter; the background service carries it out.");
        group.MapGet("/{id}", GetAsync).WithName("GetAlterationPlan").WithSummary("A plan with its status and one job per instance.");
        group.MapPost("/dry-run", DryRunAsync).WithName("DryRunAlterations").WithSummary("The instances a filter selects, and for a migration what it would do to each.");
        group.MapPost("/workflows/retry", RetryAsync).WithName("RetryWorkflows").WithSummary("Runs the faulted activities of the given instances again.");
        return api;
    }

    private static string Actor(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "admin";

    private static async Task<IResult> RunAsync(HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        var alterations = Alteration.ReadAll(body["alterations"], "alterations");
        var ids = InstanceIds(body, "workflowInstanceIds");
        var results = new JsonArray();
        foreach (var id in ids) results.Add(ToJson(await runtime.AlterAsync(id, alterations, Actor(http), cancellationToken: cancellationToken)));
        return Results.Json(new JsonObject { ["results"] = results });
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, AlterationPlans plans, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        var alterations = Alteration.ReadAll(body["alterations"], "alterations");
        var filter = AlterationFilter.Read(body["filter"], "filter");
        return Results.Json(new JsonObject { ["planId"] = await plans.SubmitAsync(alterations, filter, Actor(http), cancellationToken) });
    }

    private static async Task<IResult> GetAsync(string id, AlterationPlans plans, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || await plans.GetAsync(id, cancellationToken) is not { } found)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Alteration plan '{id}' was not found.");
        var (plan, jobs) = found;
        return Results.Json(new JsonObject
        {
            ["plan"] = new JsonObject
            {
                ["id"] = plan.Id, ["status"] = plan.Status, ["alterations"] = JsonNode.Parse(plan.Alterations), ["workflowInstanceFilter"] = JsonNode.Parse(plan.Filter),
                ["createdBy"] = plan.CreatedBy, ["createdAt"] = plan.CreatedAt, ["startedAt"] = plan.StartedAt, ["completedAt"] = plan.CompletedAt,
            },
            ["jobs"] = new JsonArray([.. jobs.Select(j => (JsonNode)new JsonObject
            {
                ["id"] = j.Id, ["planId"] = j.PlanId, ["workflowInstanceId"] = j.WorkflowInstanceId, ["status"] = j.Status,
                ["log"] = j.Log is null ? new JsonArray() : JsonNode.Parse(j.Log), ["createdAt"] = j.CreatedAt, ["completedAt"] = j.CompletedAt,
            })]),
            ["progress"] = new JsonObject
            {
                ["total"] = jobs.Count, ["pending"] = jobs.Count(j => j.Status == "Pending"),
                ["completed"] = jobs.Count(j => j.Status == "Completed"), ["failed"] = jobs.Count(j => j.Status == "Failed"),
            },
        });
    }

    private static async Task<IResult> DryRunAsync(HttpContext http, AlterationPlans plans, CancellationToken cancellationToken)
    {
        // Elsa's body is the filter itself; "alterations" beside it asks what a migration would do to each instance.
        var body = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        var alterations = body["alterations"] is null ? [] : Alteration.ReadAll(body["alterations"], "alterations");
        var filterJson = body.DeepClone().AsObject();
        filterJson.Remove("alterations");
        var (ids, migrations) = await plans.DryRunAsync(AlterationFilter.Read(filterJson, "$"), alterations, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["workflowInstanceIds"] = new JsonArray([.. ids.Select(i => (JsonNode)JsonValue.Create(i)!)]),
            ["migrations"] = new JsonArray([.. migrations.Select(m => System.Text.Json.JsonSerializer.SerializeToNode(m, Workflows.Serialization.WorkflowJson.Options))]),
        });
    }

    private static async Task<IResult> RetryAsync(HttpContext http, WorkflowRuntime runtime, WorkflowStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        var ids = InstanceIds(body, "workflowInstanceIds");
        var activityIds = body["activityIds"] is null ? null : InstanceIds(body, "activityIds");
        var results = new JsonArray();
        foreach (var id in ids)
        {
            var state = (await store.LoadAsync(id, cancellationToken))?.State;
            var targets = activityIds ?? state?.Incidents.Select(i => i.ActivityId).Distinct().ToList() ?? [];
            if (targets.Count == 0)
            {
                var none = new AlterationResult(id);
                none.Log.Add(new AlterationLogEntry(state is null ? $"Workflow instance {id} was not found." : "The instance has no faulted activity.", "Warning", time.GetUtcNow()));
                results.Add(ToJson(none));
                continue;
            }

            results.Add(ToJson(await runtime.AlterAsync(id, [.. targets.Select(a => new ScheduleActivity(a, null))], Actor(http), cancellationToken: cancellationToken)));
        }

        return Results.Json(new JsonObject { ["results"] = results });
    }

    private static List<string> InstanceIds(JsonObject body, string name)
    {
        if (body[name] is not JsonArray array || array.Count == 0) throw new AlterationFormatException(name, $"Give '{name}' as a non-empty array of ids.");
        if (array.Count > 1000) throw new AlterationFormatException(name, $"Give at most 1000 ids; submit a plan for more.");
        return array.Select((item, i) => item is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 64 ? s : throw new AlterationFormatException($"{name}[{i}]", "Each id must be a non-empty string.")).ToList();
    }

    private static JsonObject ToJson(AlterationResult result) => new()
    {
        ["workflowInstanceId"] = result.WorkflowInstanceId,
        ["log"] = new JsonObject { ["logEntries"] = result.LogJson() },
        ["workflowHasScheduledWork"] = result.WorkflowHasScheduledWork,
        ["isSuccessful"] = result.IsSuccessful,
        ["migration"] = result.Migration is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(result.Migration, Workflows.Serialization.WorkflowJson.Options),
    };
}
