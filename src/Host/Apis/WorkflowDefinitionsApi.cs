using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Elsa's workflow definition endpoints.</summary>
public static class WorkflowDefinitionsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapWorkflowDefinitionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions").WithTags("Workflow definitions");
        group.MapGet("/", ListAsync).WithName("ListWorkflowDefinitions");
        group.MapGet("/query/count", CountAsync).WithName("CountWorkflowDefinitions");
        group.MapGet("/validation/is-name-unique", IsNameUniqueAsync).WithName("IsWorkflowNameUnique");
        group.MapGet("/many-by-id", ManyByIdAsync).WithName("GetManyWorkflowDefinitionsById");
        group.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync).WithName("GetWorkflowDefinitionByDefinitionId");
        group.MapGet("/by-id/{id}", GetByIdAsync).WithName("GetWorkflowDefinitionById");
        group.MapGet("/{definitionId}", GetByDefinitionIdAsync).WithName("GetWorkflowDefinition");
        group.MapPost("/", SaveAsync).WithName("SaveWorkflowDefinition");
        group.MapPost("/import", ImportAsync).WithName("ImportWorkflowDefinition");
        group.MapPost("/{definitionId}/publish", PublishAsync).WithName("PublishWorkflowDefinition");
        group.MapPost("/{definitionId}/retract", RetractAsync).WithName("RetractWorkflowDefinition");
        group.MapDelete("/{definitionId}", DeleteAsync).WithName("DeleteWorkflowDefinition");
        group.MapPost("/{definitionId}/revert/{version:int}", RevertAsync).WithName("RevertWorkflowDefinition");
        group.MapMethods("/{definitionId}/export", ["GET", "POST"], ExportAsync).WithName("ExportWorkflowDefinition");
        group.MapPost("/{definitionId}/execute", ExecuteAsync).WithName("ExecuteWorkflowDefinition");
        group.MapPost("/{definitionId}/dispatch", DispatchAsync).WithName("DispatchWorkflowDefinition");
        group.MapGet("/{definitionId}/consumers", async (string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            TypedResults.Ok(new ConsumersResponse(await definitions.ConsumersAsync(definitionId, cancellationToken)))).WithName("GetWorkflowDefinitionConsumers");
        group.MapPost("/{definitionId}/update-references", async (string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            TypedResults.Ok(new UpdateReferencesResponse(await definitions.UpdateReferencesAsync(definitionId, cancellationToken)))).WithName("UpdateWorkflowDefinitionReferences");
        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync).WithTags("Workflow definitions").WithName("DeleteWorkflowDefinitionVersion");

        var bulk = api.MapGroup("/bulk-actions").WithTags("Workflow definitions");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", BulkPublishAsync).WithName("BulkPublishWorkflowDefinitions");
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", BulkRetractAsync).WithName("BulkRetractWorkflowDefinitions");
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", BulkDeleteByDefinitionIdAsync).WithName("BulkDeleteWorkflowDefinitions");
        bulk.MapPost("/delete/workflow-definitions/by-id", BulkDeleteByIdAsync).WithName("BulkDeleteWorkflowDefinitionVersions");
        bulk.MapPost("/export/workflow-definitions", BulkExportAsync).WithName("BulkExportWorkflowDefinitions");
        return api;
    }

    private static readonly List<Link> ListLinks =
    [
        new("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
        new("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"),
        new("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete-by-definition-id", "POST"),
        new("/workflow-definitions/import", "import", "POST"),
        new("/workflow-definitions", "create", "POST"),
    ];

    private static async Task<Results<Ok<PagedListResponse<JsonObject>>, ValidationProblem>> ListAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        if (!VersionOptions.TryParse(q["versionOptions"], out var versionOptions)) errors["versionOptions"] = [$"Unknown version option '{q["versionOptions"]}'."];
        var page = QueryInt(q, "Page", 0, int.MaxValue, errors);
        var pageSize = QueryInt(q, "PageSize", 1, 1000, errors);
        var orderBy = q["OrderBy"].ToString();
        if (orderBy.Length > 0 && orderBy is not ("Created" or "Name" or "Version")) errors["OrderBy"] = ["OrderBy must be Created, Name or Version."];
        var direction = q["OrderDirection"].ToString();
        if (direction.Length > 0 && direction is not ("Ascending" or "Descending")) errors["OrderDirection"] = ["OrderDirection must be Ascending or Descending."];
        bool? isSystem = null;
        if (q["IsSystem"].ToString() is { Length: > 0 } s)
        {
            if (bool.TryParse(s, out var b)) isSystem = b;
            else errors["IsSystem"] = ["IsSystem must be True or False."];
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = WorkflowDefinitionService.Filter(db.WorkflowDefinitions.AsNoTracking(), versionOptions);
        if (q["SearchTerm"].ToString() is { Length: > 0 } term)
            query = query.Where(x => (x.Name != null && x.Name.Contains(term)) || x.DefinitionId.Contains(term) || (x.Description != null && x.Description.Contains(term)));
        if (isSystem is not null) query = query.Where(x => x.IsSystem == isSystem);
        var definitionIds = q["DefinitionIds"].Where(x => x is not null).Cast<string>().ToList();
        if (definitionIds.Count > 0) query = query.Where(x => definitionIds.Contains(x.DefinitionId));
        var ids = q["Ids"].Where(x => x is not null).Cast<string>().ToList();
        if (ids.Count > 0) query = query.Where(x => ids.Contains(x.Id));
        var descending = direction == "Descending" || (direction.Length == 0 && orderBy is "Created" or "Version");
        query = (orderBy, descending) switch
        {
            ("Created", true) => query.OrderByDescending(x => x.CreatedAt),
            ("Created", false) => query.OrderBy(x => x.CreatedAt),
            ("Version", true) => query.OrderByDescending(x => x.Version),
            ("Version", false) => query.OrderBy(x => x.Version),
            (_, true) => query.OrderByDescending(x => x.Name).ThenByDescending(x => x.Version),
            _ => query.OrderBy(x => x.Name).ThenBy(x => x.Version),
        };
        var total = await query.CountAsync(cancellationToken);
        if (pageSize is not null) query = query.Skip((page ?? 0) * pageSize.Value).Take(pageSize.Value);
        // A summary needs no document: leave the (large) Data column in the database.
        var rows = await query.Select(x => new WorkflowDefinitionRecord
        {
            Id = x.Id, DefinitionId = x.DefinitionId, Name = x.Name, Description = x.Description, Version = x.Version, ToolVersion = x.ToolVersion,
            IsLatest = x.IsLatest, IsPublished = x.IsPublished, IsReadonly = x.IsReadonly, IsSystem = x.IsSystem, CreatedAt = x.CreatedAt,
        }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedListResponse<JsonObject>(rows.Select(DefinitionShapes.Summary).ToList(), total, ListLinks));
    }

    private static async Task<Ok<CountResponse>> CountAsync(IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(new CountResponse(await db.WorkflowDefinitions.Where(x => x.IsLatest).CountAsync(cancellationToken)));
    }

    private static async Task<Ok<IsNameUniqueResponse>> IsNameUniqueAsync(string name, string? definitionId, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.WorkflowDefinitions.AnyAsync(x => x.Name == name && x.DefinitionId != definitionId, cancellationToken);
        return TypedResults.Ok(new IsNameUniqueResponse(!taken));
    }

    private static async Task<Ok<ListResponse<JsonObject>>> ManyByIdAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var ids = request.Query["ids"].Where(x => x is not null).Cast<string>().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WorkflowDefinitions.AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken);
        var items = rows.Select(r => DefinitionShapes.Full(WorkflowDefinitionService.ToModel(r))).ToList();
        return TypedResults.Ok(new ListResponse<JsonObject>(items, items.Count));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult, ValidationProblem>> GetByDefinitionIdAsync(string definitionId, string? versionOptions, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions, out var options)) return InvalidVersionOptions(versionOptions);
        if (string.IsNullOrEmpty(versionOptions)) options = VersionOptions.Latest;
        var model = await definitions.FindAsync(definitionId, options, cancellationToken);
        return model is null ? NotFound($"Workflow definition '{definitionId}' ({options}) was not found.") : TypedResults.Ok(DefinitionShapes.Full(model));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetByIdAsync(string id, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var model = await definitions.FindByVersionIdAsync(id, cancellationToken);
        return model is null ? NotFound($"Workflow definition version '{id}' was not found.") : TypedResults.Ok(DefinitionShapes.Full(model));
    }

    private static async Task<Ok<JsonObject>> SaveAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        if (ActivityJson.Get(body, "model") is not JsonObject modelJson)
            throw new WorkflowValidationException([new ValidationError("model", "The request needs a 'model' object with the workflow definition.")]);
        var publish = RequestBody.Bool(body, "publish") ?? false;
        var model = ReadModel(modelJson, "model");
        var result = await definitions.SaveAsync(model, publish, cancellationToken);
        return TypedResults.Ok(SaveResponse(result));
    }

    private static async Task<Ok<JsonObject>> ImportAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var model = ReadModel(body, "$");
        if (string.IsNullOrWhiteSpace(model.DefinitionId))
            throw new WorkflowValidationException([new ValidationError("definitionId", "The imported definition has no 'definitionId'.")]);
        var saved = await definitions.ImportAsync(model, cancellationToken: cancellationToken);
        return TypedResults.Ok(DefinitionShapes.Full(saved));
    }

    private static WorkflowDefinition ReadModel(JsonObject json, string path)
    {
        try
        {
            var model = WorkflowDefinitionReader.Read(json);
            if (model.Root is null) throw new WorkflowValidationException([new ValidationError($"{path}.root", "The workflow definition has no 'root' activity.")]);
            return model;
        }
        catch (WorkflowFormatException e)
        {
            throw new WorkflowValidationException([new ValidationError(path == "$" ? e.Path : $"{path}.{e.Path.TrimStart('$', '.')}", e.Message)]);
        }
    }

    private static JsonObject SaveResponse(SaveResult result) => new()
    {
        ["workflowDefinition"] = DefinitionShapes.Full(result.Definition),
        ["alreadyPublished"] = result.AlreadyPublished,
        ["consumingWorkflowCount"] = result.UpdatedConsumers.Count,
        ["validationErrors"] = new JsonArray(),
        ["warnings"] = new JsonArray([.. result.Warnings.Select(w => (JsonNode)new JsonObject { ["path"] = w.Path, ["message"] = w.Message, ["activityId"] = w.ActivityId })]),
    };

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> PublishAsync(string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var result = await definitions.PublishAsync(definitionId, cancellationToken);
        return result is null ? NotFound($"Workflow definition '{definitionId}' was not found.") : TypedResults.Ok(SaveResponse(result));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> RetractAsync(string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var model = await definitions.RetractAsync(definitionId, cancellationToken);
        return model is null ? NotFound($"Workflow definition '{definitionId}' was not found.") : TypedResults.Ok(DefinitionShapes.Full(model));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
        await definitions.DeleteAsync(definitionId, cancellationToken) > 0 ? TypedResults.NoContent() : NotFound($"Workflow definition '{definitionId}' was not found.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteVersionAsync(string id, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
        await definitions.DeleteVersionAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound($"Workflow definition version '{id}' was not found.");

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> RevertAsync(string definitionId, int version, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var model = await definitions.RevertAsync(definitionId, version, cancellationToken);
        return model is null ? NotFound($"Version {version} of workflow definition '{definitionId}' was not found.") : TypedResults.Ok(DefinitionShapes.Full(model));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(string definitionId, string? versionOptions, bool? includeConsumingWorkflows, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions, out var options)) return InvalidVersionOptions(versionOptions);
        if (string.IsNullOrEmpty(versionOptions)) options = VersionOptions.Latest;
        var model = await definitions.FindAsync(definitionId, options, cancellationToken);
        if (model is null) return NotFound($"Workflow definition '{definitionId}' ({options}) was not found.");
        if (includeConsumingWorkflows == true)
        {
            var models = await DefinitionExport.WithConsumersAsync([model], includeConsumers: true, definitions, cancellationToken);
            if (models.Count > 1) return TypedResults.File(DefinitionExport.Zip(models), "application/zip", "workflow-definitions.zip");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(DefinitionShapes.Export(model)), "application/json", DefinitionExport.FileName(model));
    }

    // Studio's bulk export: ids of versions (or of definitions, their latest version), optionally with their consumers.
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BulkExportAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        if (ActivityJson.Get(body, "ids") is not JsonArray array || array.Any(x => x is not JsonValue v || !v.TryGetValue<string>(out _)))
            throw new WorkflowValidationException([new ValidationError("ids", "'ids' must be an array of strings.")]);
        if (array.Count is 0 or > 1000) throw new WorkflowValidationException([new ValidationError("ids", "Give from 1 to 1000 ids.")]);
        var includeConsumers = RequestBody.Bool(body, "includeConsumingWorkflows") ?? false;
        var chosen = new List<WorkflowDefinition>();
        foreach (var id in array.Select(x => x!.GetValue<string>()).Distinct(StringComparer.Ordinal))
        {
            var model = await definitions.FindByVersionIdAsync(id, cancellationToken) ?? await definitions.FindAsync(id, VersionOptions.Latest, cancellationToken);
            if (model is null) return NotFound($"Workflow definition '{id}' was not found.");
            chosen.Add(model);
        }

        var models = await DefinitionExport.WithConsumersAsync(chosen, includeConsumers, definitions, cancellationToken);
        return TypedResults.File(DefinitionExport.Zip(models), "application/zip", "workflow-definitions.zip");
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult, ValidationProblem>> ExecuteAsync(string definitionId, HttpContext http, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var (version, request, error) = await ReadRunRequestAsync(definitionId, http, contexts, cancellationToken);
        if (error is not null) return error.Value.Problem is { } p ? p : error.Value.NotFound!;
        var result = await runtime.StartAsync(version!, request!, cancellationToken);
        http.Response.Headers["x-elsa-workflow-instance-id"] = result.State.Id;
        return TypedResults.Ok(new JsonObject { ["workflowState"] = System.Text.Json.JsonSerializer.SerializeToNode(result.State, WorkflowJson.Options) });
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult, ValidationProblem>> DispatchAsync(string definitionId, HttpContext http, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var (version, request, error) = await ReadRunRequestAsync(definitionId, http, contexts, cancellationToken);
        if (error is not null) return error.Value.Problem is { } p ? p : error.Value.NotFound!;
        var state = await runtime.CreatePendingAsync(version!, request!, cancellationToken);
        http.Response.Headers["x-elsa-workflow-instance-id"] = state.Id;
        return TypedResults.Ok(new JsonObject { ["workflowInstanceId"] = state.Id });
    }

    private static async Task<(WorkflowDefinitionRecord? Version, StartWorkflowRequest? Request, (ValidationProblem? Problem, ProblemHttpResult? NotFound)? Error)> ReadRunRequestAsync(
        string definitionId, HttpContext http, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var body = HttpMethods.IsPost(http.Request.Method) ? await RequestBody.ReadObjectAsync(http.Request, cancellationToken) : [];
        var versionText = RequestBody.String(body, "versionOptions") ?? http.Request.Query["versionOptions"].ToString();
        if (!VersionOptions.TryParse(versionText, out var options)) return (null, null, (InvalidVersionOptions(versionText), null));
        if (string.IsNullOrEmpty(versionText)) options = VersionOptions.Published;
        var input = RequestBody.Object(body, "input");
        if (input is null && http.Request.Query["input"].ToString() is { Length: > 0 } queryInput)
            input = DynamicJson.FromNode(JsonNode.Parse(queryInput)) as Dictionary<string, object?> ?? throw new System.Text.Json.JsonException("'input' must be a JSON object.", "input", 0, 0);
        var request = new StartWorkflowRequest
        {
            InstanceId = RequestBody.String(body, "instanceId"),
            Input = input,
            CorrelationId = RequestBody.String(body, "correlationId") ?? NullIfEmpty(http.Request.Query["correlationId"]),
            TriggerActivityId = RequestBody.String(body, "triggerActivityId"),
            Name = RequestBody.String(body, "name"),
        };
        if (request.InstanceId is { Length: > 100 } || request.CorrelationId is { Length: > 500 })
            return (null, null, (TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["instanceId"] = ["The instance id or correlation id is too long."] }), null));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await WorkflowDefinitionService.Filter(db.WorkflowDefinitions.AsNoTracking().Where(x => x.DefinitionId == definitionId), options)
            .OrderByDescending(x => x.Version).FirstOrDefaultAsync(cancellationToken);
        if (version is null) return (null, null, (null, NotFound($"No {options} version of workflow definition '{definitionId}' was found.")));
        if (request.InstanceId is not null && await db.WorkflowInstances.AnyAsync(x => x.Id == request.InstanceId, cancellationToken))
            throw new WorkflowConflictException($"A workflow instance with id '{request.InstanceId}' already exists.");
        return (version, request, null);
    }

    private static async Task<Ok<BulkPublishResponse>> BulkPublishAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var ids = await ReadIdsAsync(request, "definitionIds", cancellationToken);
        var published = new List<string>();
        var already = new List<string>();
        var notFound = new List<string>();
        var consumers = new List<string>();
        foreach (var id in ids)
        {
            var result = await definitions.PublishAsync(id, cancellationToken);
            (result is null ? notFound : result.AlreadyPublished ? already : published).Add(id);
            if (result is not null) consumers.AddRange(result.UpdatedConsumers);
        }

        return TypedResults.Ok(new BulkPublishResponse(published, already, notFound, [.. consumers.Distinct()]));
    }

    private static async Task<Ok<BulkRetractResponse>> BulkRetractAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var ids = await ReadIdsAsync(request, "definitionIds", cancellationToken);
        var retracted = new List<string>();
        var already = new List<string>();
        var notFound = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                (await definitions.RetractAsync(id, cancellationToken) is null ? notFound : retracted).Add(id);
            }
            catch (WorkflowConflictException)
            {
                already.Add(id);
            }
        }

        return TypedResults.Ok(new BulkRetractResponse(retracted, already, notFound));
    }

    private static async Task<Ok<DeletedResponse>> BulkDeleteByDefinitionIdAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var id in await ReadIdsAsync(request, "definitionIds", cancellationToken)) deleted += await definitions.DeleteAsync(id, cancellationToken) > 0 ? 1 : 0;
        return TypedResults.Ok(new DeletedResponse(deleted));
    }

    private static async Task<Ok<DeletedResponse>> BulkDeleteByIdAsync(HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var id in await ReadIdsAsync(request, "ids", cancellationToken)) deleted += await definitions.DeleteVersionAsync(id, cancellationToken) ? 1 : 0;
        return TypedResults.Ok(new DeletedResponse(deleted));
    }

    /// <summary>Reads a string array member of the body; 400 when it is missing or malformed.</summary>
    public static async Task<List<string>> ReadIdsAsync(HttpRequest request, string member, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        if (ActivityJson.Get(body, member) is not JsonArray array || array.Any(x => x is not JsonValue v || !v.TryGetValue<string>(out _)))
            throw new WorkflowValidationException([new ValidationError(member, $"'{member}' must be an array of strings.")]);
        if (array.Count > 1000) throw new WorkflowValidationException([new ValidationError(member, $"At most 1000 entries in '{member}'.")]);
        return array.Select(x => x!.GetValue<string>()).ToList();
    }

    private static int? QueryInt(IQueryCollection q, string key, int min, int max, Dictionary<string, string[]> errors)
    {
        var text = q[key].ToString();
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[key] = [$"{key} must be a whole number from {min} to {max}."];
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ValidationProblem InvalidVersionOptions(string? value) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["versionOptions"] = [$"Unknown version option '{value}'. Use Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a version number."],
    });

    /// <summary>A 404 ProblemDetails.</summary>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
