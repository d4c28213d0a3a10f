using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// The coordinator's planning cycles: preview a cycle from an imported region (every mail and deadline, before
/// anything is sent), start it (an instance of the <c>council-term-cycle</c> workflow), list cycles and read one
/// cycle's dashboard (phases, open requests with who has not answered, meetings, recent activity).
/// </summary>
public static class CyclesApi
{
    /// <summary>The main workflow of a planning cycle.</summary>
    public const string CycleDefinitionId = "council-term-cycle";

    /// <summary>The main workflow of a municipal steering group's year (OHL 14 §).</summary>
    public const string SteeringGroupDefinitionId = "steering-group-year";

    /// <summary>The workflows a coordinator follows on a dashboard.</summary>
    public static IReadOnlyList<string> DashboardDefinitionIds { get; } = [CycleDefinitionId, SteeringGroupDefinitionId];

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapCyclesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/directory/datasets", DatasetsAsync).WithTags("Directory").WithName("ListDatasets").WithSummary("Imported region and steering-group files.");
        api.MapPost("/cycles/preview", PreviewAsync).WithTags("Cycles").WithName("PreviewCycle")
            .WithSummary("Every phase, deadline, invitation and reminder a cycle would produce; nothing is stored or sent.");
        api.MapPost("/cycles", StartAsync).WithTags("Cycles").WithName("StartCycle").WithSummary("Starts a planning cycle for an imported region.");
        api.MapPost("/steering-groups", StartSteeringGroupAsync).WithTags("Cycles").WithName("StartSteeringGroupYear")
            .WithSummary("Starts a municipal steering group's year (OHL 14 §) from an imported steering-group file; followed like a cycle at /api/cycles/{id}.");
        api.MapGet("/cycles", ListAsync).WithTags("Cycles").WithName("ListCycles");
        api.MapGet("/cycles/{id}", DashboardAsync).WithTags("Cycles").WithName("GetCycle").WithSummary("The cycle's dashboard: phases, open requests, meetings and recent activity.");
        api.MapPost("/cycles/{id}/requests/{requestId}/remind", RemindAsync).WithTags("Cycles").WithName("RemindNow")
            .WithSummary("Sends a reminder now to everyone who has not answered an open request.");
        api.MapPost("/cycles/{id}/requests/{requestId}/extend", ExtendAsync).WithTags("Cycles").WithName("ExtendDeadline")
            .WithSummary("Moves an open request's deadline; reminders are rescheduled for the new date.");
        api.MapPost("/cycles/{id}/requests/{requestId}/participants", ParticipantAsync).WithTags("Cycles").WithName("AddOrReplaceParticipant")
            .WithSummary("Asks one more person, or replaces a person who has not answered (their links stop working); the new person is mailed at once.");
        api.MapPost("/cycles/{id}/cancel", CancelAsync).WithTags("Cycles").WithName("CancelCycle").WithSummary("Cancels a running cycle and its child workflows.");
        return api;
    }

    /// <summary>A request to preview or start a cycle.</summary>
    /// <param name="Dataset">The imported region's dataset id (e.g. <c>keski-suomi-2023</c>).</param>
    /// <param name="Phases">Optional date changes per phase key: <c>{"consultation": {"start": "2023-09-25", "deadline": "2023-10-27"}}</c>.</param>
    /// <param name="PlanUrl">Optional link to the draft plan, shown in requests.</param>
    /// <param name="ShiftDays">Optional: move every date of the file by this many days first (a past cycle replayed; multiples of 7 keep weekdays).</param>
    public sealed record CycleRequest(string? Dataset, JsonObject? Phases, string? PlanUrl, int ShiftDays = 0);

    private static async Task<IResult> DatasetsAsync(PeopleDirectory directory, CancellationToken cancellationToken) =>
        Results.Ok(new { items = (await directory.DatasetsAsync(cancellationToken)).Select(d => new { id = d.Source, kind = d.Kind, name = d.Name, importedAt = d.ImportedAt }) });

    /// <summary>Builds the cycle input from an imported region; on a mistake names the field and says what is wrong.</summary>
    internal static async Task<(JsonObject? Cycle, string? Field, string? Error)> TryPlanAsync(CycleRequest? request, PeopleDirectory directory, CyclePlanner planner, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Dataset))
            return (null, "dataset", "Name the imported region to plan for (dataset id, e.g. keski-suomi-2023).");
        if (request.PlanUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            return (null, "planUrl", "The plan link must be an absolute http(s) address.");
        var dataset = await directory.DatasetAsync(request.Dataset.Trim(), cancellationToken);
        if (dataset is null) return (null, "dataset", $"No region '{request.Dataset}' has been imported. Import it with POST /api/directory/import first.");
        if (dataset.Kind != "region") return (null, "dataset", $"'{request.Dataset}' is a steering-group file; a planning cycle needs a region file.");
        try
        {
            if (request.ShiftDays is < 0 or > 3650) return (null, "shiftDays", "Shift the dates by 0–3650 days.");
            return (planner.Build(JsonNode.Parse(dataset.Json)!.AsObject(), request.Phases, request.PlanUrl is { Length: > 0 } ? request.PlanUrl : null, request.ShiftDays), null, null);
        }
        catch (CyclePlanException e)
        {
            return (null, e.Field, e.Message);
        }
    }

    private static async Task<(JsonObject? Cycle, IResult? Problem)> PlanAsync(CycleRequest? request, PeopleDirectory directory, CyclePlanner planner, CancellationToken cancellationToken)
    {
        var (cycle, field, error) = await TryPlanAsync(request, directory, planner, cancellationToken);
        return cycle is null ? (null, Invalid(field!, error!)) : (cycle, null);
    }

    /// <summary>Starts the cycle workflow; on failure the status code (409, 422) and why.</summary>
    internal static Task<(WorkflowState? State, int Status, string? Error)> StartCycleAsync(JsonObject cycle, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken) =>
        StartWorkflowAsync(CycleDefinitionId, "Cycle", cycle, runtime, contexts, cancellationToken);

    /// <summary>Starts <paramref name="definitionId"/> with <paramref name="input"/> as its input <paramref name="inputName"/>, correlated by the input's id; one running instance per id.</summary>
    internal static async Task<(WorkflowState? State, int Status, string? Error)> StartWorkflowAsync(string definitionId, string inputName, JsonObject input, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var correlation = input["id"]?.GetValue<string>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = WorkflowStatus.Running.ToString();
        if (correlation is not null && await db.WorkflowInstances.AnyAsync(i => i.DefinitionId == definitionId && i.CorrelationId == correlation && i.Status == running, cancellationToken))
            return (null, StatusCodes.Status409Conflict, $"'{correlation}' is already running. Cancel it before starting it again.");
        var version = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.IsPublished).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (version is null) return (null, StatusCodes.Status409Conflict, $"The workflow '{definitionId}' is not published. Restore it from workflows-json/ or publish it in Studio.");
        var result = await runtime.StartAsync(version, new StartWorkflowRequest
        {
            Input = new Dictionary<string, object?> { [inputName] = Workflows.Values.DynamicJson.FromNode(input) },
            CorrelationId = correlation,
        }, cancellationToken);
        if (result.State.Status == WorkflowStatus.Finished && result.State.SubStatus == WorkflowSubStatus.Faulted)
            return (null, StatusCodes.Status422UnprocessableEntity, $"The workflow could not start: {result.State.Incidents.FirstOrDefault()?.Message ?? "it faulted"}.");
        return (result.State, StatusCodes.Status201Created, null);
    }

    private static IResult Invalid(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<IResult> PreviewAsync(CycleRequest? request, PeopleDirectory directory, CyclePlanner planner, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await PlanAsync(request, directory, planner, cancellationToken);
        if (problem is not null) return problem;
        return Results.Ok(new { cycle = Summary(cycle!), schedule = Schedule(planner.Preview(cycle!)) });
    }

    private static object Summary(JsonObject cycle) => new
    {
        id = cycle["id"]?.GetValue<string>(),
        title = cycle["title"]?["fi"]?.GetValue<string>(),
        coordinator = cycle["coordinator"]?["email"]?.GetValue<string>(),
        members = (cycle["members"] as JsonArray)?.Count ?? 0,
        providers = (cycle["providers"] as JsonArray)?.Count ?? 0,
        meetings = (cycle["meetings"] as JsonArray)?.Count ?? 0,
        phases = (cycle["phases"] as JsonObject ?? []).Select(p => new { key = p.Key, name = p.Value?["name"]?["fi"]?.GetValue<string>(), start = p.Value?["start"]?.GetValue<string>(), deadline = p.Value?["deadline"]?.GetValue<string>() }),
    };

    private static IEnumerable<object> Schedule(IReadOnlyList<ScheduledItem> items) =>
        items.Select(i => new { at = i.At, date = i.At.ToString("d.M.yyyy", CultureInfo.InvariantCulture), kind = i.Kind, phase = i.Phase, title = i.Title, recipients = i.Recipients });

    private static async Task<IResult> StartAsync(CycleRequest? request, PeopleDirectory directory, CyclePlanner planner, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await PlanAsync(request, directory, planner, cancellationToken);
        if (problem is not null) return problem;
        var (state, status, error) = await StartCycleAsync(cycle!, runtime, contexts, cancellationToken);
        if (state is null) return Results.Problem(error, statusCode: status, title: status == StatusCodes.Status409Conflict ? "Conflict" : "Cycle faulted");
        return Results.Created($"/api/cycles/{state.Id}", new { id = state.Id, name = state.Name, status = state.Status.ToString(), subStatus = state.SubStatus.ToString() });
    }

    /// <summary>A request to start a steering group's year.</summary>
    /// <param name="Dataset">The imported steering-group file's dataset id.</param>
    /// <param name="ShiftDays">Optional: move every date of the file by this many days (multiples of 7 keep weekdays).</param>
    public sealed record SteeringGroupRequest(string? Dataset, int ShiftDays = 0);

    /// <summary>Builds and starts a steering group's year; on a mistake the field and the reason.</summary>
    internal static async Task<(WorkflowState? State, int Status, string? Field, string? Error)> TryStartSteeringGroupAsync(SteeringGroupRequest? request, PeopleDirectory directory,
        SteeringGroupPlanner planner, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Dataset)) return (null, 400, "dataset", "Name the imported steering-group file (dataset id).");
        if (request.ShiftDays is < 0 or > 3650) return (null, 400, "shiftDays", "Shift the dates by 0–3650 days.");
        var dataset = await directory.DatasetAsync(request.Dataset.Trim(), cancellationToken);
        if (dataset is not { Kind: "steeringGroup" }) return (null, 400, "dataset", $"No steering-group file '{request.Dataset}' has been imported.");
        JsonObject group;
        try
        {
            group = planner.Build(JsonNode.Parse(dataset.Json)!.AsObject(), request.ShiftDays);
        }
        catch (CyclePlanException e)
        {
            return (null, 400, e.Field, e.Message);
        }

        var (state, status, error) = await StartWorkflowAsync(SteeringGroupDefinitionId, "Group", group, runtime, contexts, cancellationToken);
        return (state, status, null, error);
    }

    private static async Task<IResult> StartSteeringGroupAsync(SteeringGroupRequest? request, PeopleDirectory directory, SteeringGroupPlanner planner, WorkflowRuntime runtime,
        IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var (state, status, field, error) = await TryStartSteeringGroupAsync(request, directory, planner, runtime, contexts, cancellationToken);
        if (field is not null) return Invalid(field, error!);
        if (state is null) return Results.Problem(error, statusCode: status, title: status == StatusCodes.Status409Conflict ? "Conflict" : "Workflow faulted");
        return Results.Created($"/api/cycles/{state.Id}", new { id = state.Id, name = state.Name, status = state.Status.ToString(), subStatus = state.SubStatus.ToString() });
    }

    private static async Task<IResult> ListAsync(IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WorkflowInstances.AsNoTracking().Where(i => DashboardDefinitionIds.Contains(i.DefinitionId))
            .Select(i => new { i.Id, i.Name, i.DefinitionId, i.CorrelationId, i.Status, i.SubStatus, i.CreatedAt, i.FinishedAt }).ToListAsync(cancellationToken);
        return Results.Ok(new
        {
            items = rows.OrderByDescending(r => r.CreatedAt).Select(r => new
            {
                id = r.Id, name = r.Name, kind = r.DefinitionId == SteeringGroupDefinitionId ? "steeringGroup" : "councilTermCycle", cycle = r.CorrelationId,
                status = r.Status, subStatus = r.SubStatus, createdAt = r.CreatedAt, finishedAt = r.FinishedAt,
            }),
        });
    }

    /// <summary>A new deadline for an open request.</summary>
    /// <param name="DueAt">The new deadline (ISO 8601 with offset, or a date yyyy-MM-dd meaning 16.00 Helsinki time).</param>
    public sealed record ExtendRequest(string? DueAt);

    /// <summary>Finds the instance (the cycle or one of its children) that holds open request <paramref name="requestId"/>.</summary>
    internal static async Task<string?> RequestInstanceAsync(string id, string requestId, WorkflowStore store, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = new List<string> { id };
        ids.AddRange(await db.WorkflowInstances.AsNoTracking().Where(i => i.ParentWorkflowInstanceId == id).Select(i => i.Id).ToListAsync(cancellationToken));
        foreach (var instanceId in ids)
        {
            if (await store.LoadAsync(instanceId, cancellationToken) is { } loaded && loaded.State.Status == WorkflowStatus.Running && ApprovalTasks.InInstance(loaded.State).Any(r => r.RequestId == requestId))
                return instanceId;
        }

        return null;
    }

    internal static Task<IReadOnlyList<string>> ControlAsync(string instanceId, string requestId, string action, DateTimeOffset? dueAt, string? by, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        SendControlAsync(instanceId, requestId, new Dictionary<string, object?>
        {
            [RequestApproval.ActionKey] = action, [RequestApproval.ByKey] = by,
            [RequestApproval.DueAtKey] = dueAt?.ToString("O", CultureInfo.InvariantCulture),
        }, runtime, cancellationToken);

    /// <summary>Delivers a coordinator's control input to one open request of <paramref name="instanceId"/>.</summary>
    private static Task<IReadOnlyList<string>> SendControlAsync(string instanceId, string requestId, Dictionary<string, object?> input, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        runtime.DeliverAsync(new Stimulus(StimulusHasher.Hash(RequestApproval.ControlStimulus, RequestApproval.ControlPayload(requestId)), input, null, instanceId, null,
            CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);

    private static async Task<IResult> RemindAsync(string id, string requestId, HttpContext http, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (await RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Results.Problem($"No open request '{requestId}' in cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var affected = await ControlAsync(instanceId, requestId, RequestApproval.RemindAction, null, http.User.Identity?.Name, runtime, cancellationToken);
        return affected.Count == 0 ? Results.Problem("The request was closed meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Closed") : Results.NoContent();
    }

    /// <summary>Reads a new deadline: a date means 16.00 Helsinki time on it; it must be in the future.</summary>
    internal static DateTimeOffset? ParseDeadline(string? text, FinnishBusinessCalendar calendar, DateTimeOffset now, out string? error)
    {
        error = null;
        DateTimeOffset? due = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? calendar.At(date, CyclePlanner.DeadlineHour)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text!.Length > 10 ? at : null;
        if (due is null) error = "Give the new deadline as a date (yyyy-MM-dd) or an ISO 8601 time with an offset.";
        else if (due <= now) error = "The new deadline must be in the future.";
        return error is null ? due : null;
    }

    private static async Task<IResult> ExtendAsync(string id, string requestId, ExtendRequest? body, HttpContext http, WorkflowStore store, WorkflowRuntime runtime, FinnishBusinessCalendar calendar, TimeProvider time, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var due = ParseDeadline(body?.DueAt, calendar, time.GetUtcNow(), out var error);
        if (due is null) return Invalid("dueAt", error!);
        if (await RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Results.Problem($"No open request '{requestId}' in cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var affected = await ControlAsync(instanceId, requestId, RequestApproval.ExtendAction, due, http.User.Identity?.Name, runtime, cancellationToken);
        return affected.Count == 0 ? Results.Problem("The request was closed meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Closed") : Results.NoContent();
    }

    /// <summary>A person to ask on an open request.</summary>
    /// <param name="Email">Work e-mail.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Language">fi, sv or en (default fi).</param>
    /// <param name="Organisation">Organisation the person answers for.</param>
    /// <param name="Replaces">Seat id of a person who has not answered and is replaced (from the dashboard); empty adds a person.</param>
    public sealed record ParticipantRequest(string? Email, string? Name, string? Language, string? Organisation, string? Replaces);

    /// <summary>Checks a participant; the error names the field.</summary>
    internal static (string Field, string Error)? Validate(ParticipantRequest? body)
    {
        if (body?.Email is not { Length: > 3 and <= 254 } email || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
            return ("email", "Give the person's work e-mail address (name@example.fi).");
        if (body.Language is { Length: > 0 } language && language is not ("fi" or "sv" or "en")) return ("language", "The language is fi, sv or en.");
        if (body.Name is { Length: > 200 }) return ("name", "The name is at most 200 characters.");
        return null;
    }

    internal static Task<IReadOnlyList<string>> ParticipantControlAsync(string instanceId, string requestId, ParticipantRequest body, string? by, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        SendControlAsync(instanceId, requestId, new Dictionary<string, object?>
        {
            [RequestApproval.ActionKey] = string.IsNullOrEmpty(body.Replaces) ? RequestApproval.AddPersonAction : RequestApproval.ReplacePersonAction,
            [RequestApproval.SeatKey] = body.Replaces, [RequestApproval.ByKey] = by,
            [RequestApproval.PersonKey] = new Dictionary<string, object?>
            {
                ["email"] = body.Email!.Trim(), ["name"] = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim(),
                ["language"] = body.Language is { Length: > 0 } l ? l : "fi", ["organisation"] = string.IsNullOrWhiteSpace(body.Organisation) ? null : body.Organisation.Trim(),
            },
        }, runtime, cancellationToken);

    private static async Task<IResult> ParticipantAsync(string id, string requestId, ParticipantRequest? body, HttpContext http, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } invalid) return Invalid(invalid.Field, invalid.Error);
        if (await RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Results.Problem($"No open request '{requestId}' in cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var affected = await ParticipantControlAsync(instanceId, requestId, body!, http.User.Identity?.Name, runtime, cancellationToken);
        return affected.Count == 0 ? Results.Problem("The request was closed meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Closed") : Results.NoContent();
    }

    /// <summary>Cancels a cycle (or steering-group year) and its child workflows; null when there is no such cycle, false when it had finished.</summary>
    internal static async Task<bool?> CancelCycleAsync(string id, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(id, cancellationToken) is not { } loaded || !DashboardDefinitionIds.Contains(loaded.State.DefinitionId)) return null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            foreach (var child in await db.WorkflowInstances.AsNoTracking().Where(i => i.ParentWorkflowInstanceId == id).Select(i => i.Id).ToListAsync(cancellationToken))
                await runtime.CancelAsync(child, cancellationToken);
        }

        return await runtime.CancelAsync(id, cancellationToken);
    }

    private static async Task<IResult> CancelAsync(string id, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken) =>
        await CancelCycleAsync(id, store, runtime, contexts, cancellationToken) switch
        {
            null => Results.Problem($"No planning cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
            true => Results.NoContent(),
            false => Results.Problem("The cycle has already finished.", statusCode: StatusCodes.Status409Conflict, title: "Finished"),
        };

    private static async Task<IResult> DashboardAsync(string id, WorkflowStore store, IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var dashboard = await CycleDashboard.LoadAsync(id, store, contexts, calendar, time.GetUtcNow(), cancellationToken);
        return dashboard is null ? Results.Problem($"No planning cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found") : Results.Ok(dashboard);
    }
}
