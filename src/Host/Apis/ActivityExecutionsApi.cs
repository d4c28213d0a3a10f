using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Activity execution records for Studio's instance viewer.</summary>
public static class ActivityExecutionsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapActivityExecutionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/activity-executions/list", ListAsync).WithTags("Activity executions").WithName("ListActivityExecutions");
        api.MapGet("/activity-execution-summaries/list", SummariesAsync).WithTags("Activity executions").WithName("ListActivityExecutionSummaries");
        api.MapGet("/activity-executions/by-id", ByIdAsync).WithTags("Activity executions").WithName("GetActivityExecution");
        api.MapPost("/activity-executions/report", ReportAsync).WithTags("Activity executions").WithName("ReportActivityExecutions");
        api.MapGet("/activity-executions/{id}/call-stack", CallStackAsync).WithTags("Activity executions").WithName("GetActivityExecutionCallStack");
        return api;
    }

    private static async Task<List<JsonObject>> QueryAsync(IDbContextFactory<WorkflowsDbContext> contexts, string? workflowInstanceId, string? activityNodeId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ActivityExecutions.AsNoTracking();
        if (workflowInstanceId is not null) query = query.Where(x => x.WorkflowInstanceId == workflowInstanceId);
        if (activityNodeId is not null) query = query.Where(x => x.ActivityNodeId == activityNodeId);
        var rows = await query.OrderBy(x => x.StartedAt).Take(5000).Select(x => x.Data).ToListAsync(cancellationToken);
        return rows.Select(r => JsonNode.Parse(r)!.AsObject()).ToList();
    }

    private static async Task<Ok<ListResponse<JsonObject>>> ListAsync(string? workflowInstanceId, string? activityNodeId, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var items = await QueryAsync(contexts, workflowInstanceId, activityNodeId, cancellationToken);
        return TypedResults.Ok(new ListResponse<JsonObject>(items, items.Count));
    }

    private static async Task<Ok<ListResponse<JsonObject>>> SummariesAsync(string? workflowInstanceId, string? activityNodeId, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        string[] keep = ["id", "workflowInstanceId", "activityId", "activityNodeId", "activityType", "activityTypeVersion", "activityName", "startedAt", "hasBookmarks", "metadata", "status", "completedAt"];
        var items = (await QueryAsync(contexts, workflowInstanceId, activityNodeId, cancellationToken))
            .Select(o => new JsonObject(o.Where(p => keep.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))).ToList();
        return TypedResults.Ok(new ListResponse<JsonObject>(items, items.Count));
    }

    private static async Task<Results<Ok<JsonNode>, ProblemHttpResult>> ByIdAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var data = await db.ActivityExecutions.AsNoTracking().Where(x => x.Id == id).Select(x => x.Data).FirstOrDefaultAsync(cancellationToken);
        return data is null ? WorkflowDefinitionsApi.NotFound($"Activity execution '{id}' was not found.") : TypedResults.Ok(JsonNode.Parse(data)!);
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> CallStackAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = new JsonArray();
        var current = id;
        for (var depth = 0; current is not null && depth < 256; depth++)
        {
            var data = await db.ActivityExecutions.AsNoTracking().Where(x => x.Id == current).Select(x => x.Data).FirstOrDefaultAsync(cancellationToken);
            if (data is null) break;
            var record = JsonNode.Parse(data)!.AsObject();
            items.Insert(0, record);
            current = record["schedulingActivityExecutionId"]?.GetValue<string>();
        }

        if (items.Count == 0) return WorkflowDefinitionsApi.NotFound($"Activity execution '{id}' was not found.");
        return TypedResults.Ok(new JsonObject { ["activityExecutionId"] = id, ["items"] = items, ["totalCount"] = items.Count });
    }

    private static async Task<Ok<JsonObject>> ReportAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var instanceId = RequestBody.String(body, "workflowInstanceId") ?? throw new System.Text.Json.JsonException("'workflowInstanceId' is required.", "workflowInstanceId", 0, 0);
        var nodeIds = ActivityJson.Get(body, "activityNodeIds") is JsonArray a ? a.Select(x => x?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal) : null;
        var records = await QueryAsync(contexts, instanceId, null, cancellationToken);
        var stats = new JsonArray();
        foreach (var group in records.GroupBy(r => r["activityNodeId"]!.GetValue<string>()))
        {
            if (nodeIds is not null && !nodeIds.Contains(group.Key)) continue;
            var statuses = group.Select(r => r["status"]?.GetValue<string>()).ToList();
            stats.Add(new JsonObject
            {
                ["activityId"] = group.First()["activityId"]?.GetValue<string>(),
                ["activityNodeId"] = group.Key,
                ["startedCount"] = group.Count(),
                ["completedCount"] = statuses.Count(s => s is "Completed"),
                ["uncompletedCount"] = statuses.Count(s => s is "Running" or "Pending"),
                ["isBlocked"] = group.Any(r => r["hasBookmarks"]?.GetValue<bool>() == true && r["status"]?.GetValue<string>() == "Running"),
                ["isFaulted"] = statuses.Any(s => s is "Faulted"),
                ["metadata"] = new JsonObject(),
            });
        }

        return TypedResults.Ok(new JsonObject { ["stats"] = stats });
    }
}
