using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Elsa's workflow instance endpoints: list, get, delete, cancel, journal, variables, execution state.</summary>
public static partial class WorkflowInstancesApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapWorkflowInstancesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances").WithTags("Workflow instances");
        group.MapPost("/", ListAsync).WithName("ListWorkflowInstances");
        group.MapGet("/", ListAsync).WithName("ListWorkflowInstancesGet");
        group.MapGet("/{id}", GetAsync).WithName("GetWorkflowInstance");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteWorkflowInstance");
        group.MapGet("/{id}/execution-state", ExecutionStateAsync).WithName("GetWorkflowInstanceExecutionState");
        group.MapGet("/{id}/variables", VariablesAsync).WithName("GetWorkflowInstanceVariables");
        group.MapGet("/{id}/journal", JournalAsync).WithName("GetWorkflowInstanceJournal");
        group.MapPost("/{id}/journal", JournalAsync).WithName("FilterWorkflowInstanceJournal");
        group.MapGet("/{id}/export", ExportAsync).WithName("ExportWorkflowInstance");
        api.MapPost("/cancel/workflow-instances/{id}", CancelAsync).WithTags("Workflow instances").WithName("CancelWorkflowInstance");
        api.MapPost("/bulk-actions/delete/workflow-instances/by-id", BulkDeleteAsync).WithTags("Workflow instances").WithName("BulkDeleteWorkflowInstances");
        api.MapPost("/bulk-actions/cancel/workflow-instances", BulkCancelAsync).WithTags("Workflow instances").WithName("BulkCancelWorkflowInstances");
        api.MapPost("/bulk-actions/export/workflow-instances", BulkExportAsync).WithTags("Workflow instances").WithName("BulkExportWorkflowInstances");
        // Multipart from the Studio with its bearer token (no cookie, so no cross-site form can reach it).
        api.MapPost("/bulk-actions/import/workflow-instances", BulkImportAsync).WithTags("Workflow instances").WithName("ImportWorkflowInstances").DisableAntiforgery();
        return api;
    }

    private static readonly string[] Statuses = ["Running", "Finished"];
    private static readonly string[] SubStatuses = ["Pending", "Executing", "Suspended", "Finished", "Cancelled", "Faulted", "Interrupted"];

    private static async Task<Results<Ok<PagedListResponse<JsonObject>>, ValidationProblem>> ListAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var body = HttpMethods.IsPost(request.Method) ? await RequestBody.ReadObjectAsync(request, cancellationToken) : QueryAsObject(request.Query);
        var errors = new Dictionary<string, string[]>();
        var page = Int(body, "page", 0, int.MaxValue, errors) ?? 0;
        var pageSize = Int(body, "pageSize", 1, 1000, errors) ?? 100;
        var statuses = Strings(body, "statuses", errors).Concat(Strings(body, "status", errors)).ToList();
        var subStatuses = Strings(body, "subStatuses", errors).Concat(Strings(body, "subStatus", errors)).ToList();
        foreach (var s in statuses.Where(s => !Statuses.Contains(s))) errors["status"] = [$"Unknown status '{s}'."];
        foreach (var s in subStatuses.Where(s => !SubStatuses.Contains(s))) errors["subStatus"] = [$"Unknown sub-status '{s}'."];
        var orderBy = RequestBody.String(body, "orderBy");
        if (orderBy is not null and not ("Created" or "LastExecuted" or "Finished" or "Name")) errors["orderBy"] = ["orderBy must be Created, LastExecuted, Finished or Name."];
        var definitionIds = Strings(body, "definitionIds", errors).Concat(Strings(body, "definitionId", errors)).ToList();
        var version = Int(body, "version", 1, int.MaxValue, errors);
        var timestamps = TimestampFilters(body, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WorkflowInstances.AsNoTracking();
        if (RequestBody.String(body, "searchTerm") is { Length: > 0 } term)
            query = query.Where(x => x.Id.Contains(term) || (x.Name != null && x.Name.Contains(term)) || (x.CorrelationId != null && x.CorrelationId.Contains(term)) || x.DefinitionId.Contains(term));
        if (definitionIds.Count > 0) query = query.Where(x => definitionIds.Contains(x.DefinitionId));
        if (RequestBody.String(body, "correlationId") is { } correlationId) query = query.Where(x => x.CorrelationId == correlationId);
        if (statuses.Count > 0) query = query.Where(x => statuses.Contains(x.Status));
        if (subStatuses.Count > 0) query = query.Where(x => subStatuses.Contains(x.SubStatus));
        if (RequestBody.Bool(body, "hasIncidents") is { } hasIncidents) query = query.Where(x => (x.IncidentCount > 0) == hasIncidents);
        if (version is { } v) query = query.Where(x => x.Version == v);
        if (RequestBody.Bool(body, "isSystem") is { } isSystem) query = query.Where(x => x.IsSystem == isSystem);
        foreach (var filter in timestamps) query = filter(query);
        var descending = RequestBody.String(body, "orderDirection") != "Ascending";
        query = orderBy switch
        {
            "LastExecuted" => descending ? query.OrderByDescending(x => x.UpdatedAt) : query.OrderBy(x => x.UpdatedAt),
            "Finished" => descending ? query.OrderByDescending(x => x.FinishedAt) : query.OrderBy(x => x.FinishedAt),
            "Name" => descending ? query.OrderByDescending(x => x.Name) : query.OrderBy(x => x.Name),
            _ => descending ? query.OrderByDescending(x => x.CreatedAt) : query.OrderBy(x => x.CreatedAt),
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedListResponse<JsonObject>(rows.Select(Summary).ToList(), total));
    }

    private static readonly string[] TimestampOperators = ["Is", "IsNot", "LessThan", "GreaterThan", "LessThanOrEqual", "GreaterThanOrEqual"];

    /// <summary>
    /// Elsa's <c>timestampFilters</c>: <c>[{column: CreatedAt|UpdatedAt|FinishedAt, operator: Is|IsNot|LessThan|…,
    /// timestamp}]</c>, all applying. <c>Is</c>/<c>IsNot</c> with a midnight timestamp (a date from the Studio's picker)
    /// mean that whole day.
    /// </summary>
    private static List<Func<IQueryable<WorkflowInstanceRecord>, IQueryable<WorkflowInstanceRecord>>> TimestampFilters(JsonObject body, Dictionary<string, string[]> errors)
    {
        var result = new List<Func<IQueryable<WorkflowInstanceRecord>, IQueryable<WorkflowInstanceRecord>>>();
        var node = ActivityJson.Get(body, "timestampFilters");
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return result;
        if (node is not JsonArray filters || filters.Count > 10)
        {
            errors["timestampFilters"] = ["timestampFilters must be an array of at most 10 filters."];
            return result;
        }

        for (var i = 0; i < filters.Count; i++)
        {
            var key = $"timestampFilters[{i}]";
            if (filters[i] is not JsonObject f)
            {
                errors[key] = ["Each filter is an object {column, operator, timestamp}."];
                continue;
            }

            var column = RequestBody.String(f, "column");
            var op = ActivityJson.Get(f, "operator") is JsonValue ov && ov.TryGetValue<int>(out var index) && index >= 0 && index < TimestampOperators.Length ? TimestampOperators[index] : RequestBody.String(f, "operator");
            var at = ActivityJson.Get(f, "timestamp") is JsonValue tv && tv.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
            if (column is not ("CreatedAt" or "UpdatedAt" or "FinishedAt")) errors[$"{key}.column"] = ["column must be CreatedAt, UpdatedAt or FinishedAt."];
            if (op is null || !TimestampOperators.Contains(op)) errors[$"{key}.operator"] = [$"operator must be one of {string.Join(", ", TimestampOperators)}."];
            if (at is null) errors[$"{key}.timestamp"] = ["timestamp must be an ISO date and time."];
            if (errors.Count > 0) continue;
            var from = at!.Value;
            var wholeDay = from.TimeOfDay == TimeSpan.Zero;
            var to = wholeDay ? from.AddDays(1) : from;
            System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, DateTimeOffset?>> pick = column switch
            {
                "UpdatedAt" => x => x.UpdatedAt,
                "FinishedAt" => x => x.FinishedAt,
                _ => x => x.CreatedAt,
            };
            result.Add(query => op switch
            {
                "Is" when wholeDay => query.Where(Compare(pick, from, ">=")).Where(Compare(pick, to, "<")),
                "Is" => query.Where(Compare(pick, from, "==")),
                "IsNot" when wholeDay => query.Where(Either(Compare(pick, from, "<"), Compare(pick, to, ">="))),
                "IsNot" => query.Where(Compare(pick, from, "!=")),
                "LessThan" => query.Where(Compare(pick, from, "<")),
                "LessThanOrEqual" => query.Where(Compare(pick, from, "<=")),
                "GreaterThan" => query.Where(Compare(pick, from, ">")),
                _ => query.Where(Compare(pick, from, ">=")),
            });
        }

        return result;
    }

    private static System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, bool>> Compare(System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, DateTimeOffset?>> pick, DateTimeOffset value, string op)
    {
        var constant = System.Linq.Expressions.Expression.Constant((DateTimeOffset?)value, typeof(DateTimeOffset?));
        System.Linq.Expressions.Expression body = op switch
        {
            "<" => System.Linq.Expressions.Expression.LessThan(pick.Body, constant),
            "<=" => System.Linq.Expressions.Expression.LessThanOrEqual(pick.Body, constant),
            ">" => System.Linq.Expressions.Expression.GreaterThan(pick.Body, constant),
            ">=" => System.Linq.Expressions.Expression.GreaterThanOrEqual(pick.Body, constant),
            "!=" => System.Linq.Expressions.Expression.NotEqual(pick.Body, constant),
            _ => System.Linq.Expressions.Expression.Equal(pick.Body, constant),
        };
        return System.Linq.Expressions.Expression.Lambda<Func<WorkflowInstanceRecord, bool>>(body, pick.Parameters);
    }

    private static System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, bool>> Either(System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, bool>> a, System.Linq.Expressions.Expression<Func<WorkflowInstanceRecord, bool>> b) =>
        System.Linq.Expressions.Expression.Lambda<Func<WorkflowInstanceRecord, bool>>(
            System.Linq.Expressions.Expression.OrElse(a.Body, new ParameterSwap(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    private sealed class ParameterSwap(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static JsonObject QueryAsObject(IQueryCollection query)
    {
        var result = new JsonObject();
        foreach (var (key, values) in query)
        {
            var camel = ActivityJson.Camel(key);
            result[camel] = camel is "page" or "pageSize" && int.TryParse(values.ToString(), out var n) ? n
                : camel is "statuses" or "subStatuses" or "definitionIds" ? new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())
                : values.ToString();
        }

        return result;
    }

    private static int? Int(JsonObject body, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        var node = ActivityJson.Get(body, name);
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node is JsonValue v && v.TryGetValue<int>(out var n) && n >= min && n <= max) return n;
        errors[name] = [$"{name} must be a whole number from {min} to {max}."];
        return null;
    }

    private static IEnumerable<string> Strings(JsonObject body, string name, Dictionary<string, string[]> errors)
    {
        var node = ActivityJson.Get(body, name);
        switch (node)
        {
            case null:
                return [];
            case JsonValue v when v.TryGetValue<string>(out var s):
                return [s];
            case JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)):
                return a.Select(x => x!.GetValue<string>()).ToList();
            default:
                if (node.GetValueKind() == JsonValueKind.Null) return [];
                errors[name] = [$"{name} must be a string or an array of strings."];
                return [];
        }
    }

    /// <summary>A list row.</summary>
    public static JsonObject Summary(WorkflowInstanceRecord x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new JsonObject
        {
            ["id"] = x.Id, ["definitionId"] = x.DefinitionId, ["definitionVersionId"] = x.DefinitionVersionId, ["version"] = x.Version,
            ["parentWorkflowInstanceId"] = x.ParentWorkflowInstanceId, ["status"] = x.Status, ["subStatus"] = x.SubStatus,
            ["correlationId"] = x.CorrelationId, ["name"] = x.Name, ["incidentCount"] = x.IncidentCount, ["isSystem"] = x.IsSystem,
            ["createdAt"] = x.CreatedAt, ["updatedAt"] = x.UpdatedAt, ["finishedAt"] = x.FinishedAt,
        };
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (record is null) return WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
        var json = Summary(record);
        json["workflowState"] = JsonNode.Parse(record.Data);
        return TypedResults.Ok(json);
    }


    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DeleteInstancesAsync(db, [id], cancellationToken) > 0 ? TypedResults.NoContent() : WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
    }

    private static async Task<int> DeleteInstancesAsync(WorkflowsDbContext db, List<string> ids, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.WorkflowInstances.Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Bookmarks.Where(x => ids.Contains(x.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ExecutionLog.Where(x => ids.Contains(x.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ActivityExecutions.Where(x => ids.Contains(x.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Incidents.Where(x => ids.Contains(x.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.SentEffects.Where(x => x.WorkflowInstanceId != null && ids.Contains(x.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task<Ok<DeletedResponse>> BulkDeleteAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var ids = await WorkflowDefinitionsApi.ReadIdsAsync(request, "ids", cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(new DeletedResponse(await DeleteInstancesAsync(db, ids, cancellationToken)));
    }

    private static async Task<Results<Ok<CancelResponse>, ProblemHttpResult>> CancelAsync(string id, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (await runtime.CancelAsync(id, cancellationToken)) return TypedResults.Ok(new CancelResponse(1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowInstances.AnyAsync(x => x.Id == id, cancellationToken)
            ? TypedResults.Problem($"Workflow instance '{id}' has already finished.", statusCode: StatusCodes.Status409Conflict, title: "Conflict")
            : WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
    }

    private static async Task<Results<Ok<CancelResponse>, ValidationProblem>> BulkCancelAsync(HttpRequest request, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var ids = Strings(body, "ids", errors).ToList();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (RequestBody.String(body, "definitionId") is { } definitionId)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            ids.AddRange(await db.WorkflowInstances.Where(x => x.DefinitionId == definitionId && x.Status == "Running").Select(x => x.Id).ToListAsync(cancellationToken));
        }

        if (RequestBody.String(body, "definitionVersionId") is { } versionId)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            ids.AddRange(await db.WorkflowInstances.Where(x => x.DefinitionVersionId == versionId && x.Status == "Running").Select(x => x.Id).ToListAsync(cancellationToken));
        }

        var cancelled = 0;
        foreach (var id in ids.Distinct()) cancelled += await runtime.CancelAsync(id, cancellationToken) ? 1 : 0;
        return TypedResults.Ok(new CancelResponse(cancelled));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> ExecutionStateAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WorkflowInstances.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Status, x.SubStatus, x.UpdatedAt }).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.")
            : TypedResults.Ok(new JsonObject { ["id"] = id, ["status"] = row.Status, ["workflowSubStatus"] = row.SubStatus, ["subStatus"] = row.SubStatus, ["updatedAt"] = row.UpdatedAt });
    }

    private static async Task<Results<Ok<ListResponse<JsonObject>>, ProblemHttpResult>> VariablesAsync(string id, WorkflowStore store, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(id, cancellationToken);
        if (loaded is null) return WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
        var items = new List<JsonObject>();
        foreach (var ctx in loaded.State.ActivityExecutionContexts)
        {
            if (ctx.Properties["Variables"] is not JsonObject variables) continue;
            foreach (var (variableId, value) in variables) items.Add(new JsonObject { ["id"] = variableId, ["name"] = variableId, ["value"] = value?.DeepClone() });
        }

        return TypedResults.Ok(new ListResponse<JsonObject>(items, items.Count));
    }

    private static async Task<Results<Ok<PagedListResponse<JsonNode>>, ProblemHttpResult, ValidationProblem>> JournalAsync(string id, HttpRequest request, int? skip, int? take, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (skip is < 0 || take is < 0 or > 10_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["skip must be 0 or more and take from 0 to 10000."] });
        var body = HttpMethods.IsPost(request.Method) ? await RequestBody.ReadObjectAsync(request, cancellationToken) : [];
        var filter = ActivityJson.Get(body, "filter") as JsonObject;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkflowInstances.AnyAsync(x => x.Id == id, cancellationToken)) return WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
        var query = db.ExecutionLog.AsNoTracking().Where(x => x.WorkflowInstanceId == id);
        List<string> Filter(string name) => filter is not null && ActivityJson.Get(filter, name) is JsonArray a ? a.Select(x => x?.GetValue<string>()).OfType<string>().ToList() : [];
        var activityIds = Filter("activityIds");
        var nodeIds = Filter("activityNodeIds");
        var excluded = Filter("excludedActivityTypes");
        var events = Filter("eventNames");
        if (activityIds.Count > 0) query = query.Where(x => activityIds.Contains(x.ActivityId));
        if (nodeIds.Count > 0) query = query.Where(x => nodeIds.Contains(x.NodeId));
        if (excluded.Count > 0) query = query.Where(x => !excluded.Contains(x.ActivityType));
        if (events.Count > 0) query = query.Where(x => x.EventName != null && events.Contains(x.EventName));
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.Sequence).Skip(skip ?? 0).Take(take ?? 1000).Select(x => x.Data).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedListResponse<JsonNode>(rows.Select(r => JsonNode.Parse(r)!).ToList(), total));
    }
}
