using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// What a coordinator does with planning cycles and steering-group years, for the REST API and the workspace pages
/// alike: plan and preview from an imported file, start, list, read the dashboard, remind, move a deadline, add or
/// replace a person, cancel. Refusals come back as a <see cref="CycleProblem"/> naming the field.
/// </summary>
public sealed partial class CycleService(
    PeopleDirectory directory,
    CyclePlanner planner,
    SteeringGroupPlanner steeringGroups,
    WorkflowRuntime runtime,
    WorkflowStore store,
    IDbContextFactory<WorkflowsDbContext> contexts,
    FinnishBusinessCalendar calendar,
    TimeProvider time,
    WorkflowEffectSerializer effects,
    OutboxSignal outboxSignal,
    Records.CycleRecordStore records)
{
    /// <summary>The main workflow of a planning cycle.</summary>
    public const string CycleDefinitionId = "council-term-cycle";

    /// <summary>The main workflow of a municipal steering group's year (OHL 14 §).</summary>
    public const string SteeringGroupDefinitionId = "steering-group-year";

    /// <summary>The workflows a coordinator follows on a dashboard.</summary>
    public static IReadOnlyList<string> DashboardDefinitionIds { get; } = [CycleDefinitionId, SteeringGroupDefinitionId];

    /// <summary>Builds the cycle input from an imported region.</summary>
    public async Task<(JsonObject? Cycle, CycleProblem? Problem)> PlanAsync(CycleRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Dataset))
            return (null, Invalid("dataset", "dataset.required"));
        if (request.PlanUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            return (null, Invalid("planUrl", "planUrl.absolute"));
        var dataset = await directory.DatasetAsync(request.Dataset.Trim(), cancellationToken);
        if (dataset is null) return (null, Invalid("dataset", "dataset.unknown", request.Dataset));
        if (dataset.Kind != "region") return (null, Invalid("dataset", "dataset.notRegion", request.Dataset));
        if (request.ShiftDays is < 0 or > 3650) return (null, Invalid("shiftDays", "shiftDays.range"));
        try
        {
            return (planner.Build(JsonNode.Parse(dataset.Json)!.AsObject(), request.Phases, request.PlanUrl is { Length: > 0 } ? request.PlanUrl : null, request.ShiftDays, request.Consultation), null);
        }
        catch (CyclePlanException e)
        {
            return (null, CycleProblem.Of(CycleProblemKind.Invalid, e.Field, e.Code, [.. e.Args]));
        }
    }

    /// <summary>Every phase start, deadline, invitation and reminder the cycle would produce, in time order.</summary>
    public IReadOnlyList<ScheduledItem> Preview(JsonObject cycle, string language = "fi") => planner.Preview(cycle, language);

    /// <summary>Starts a planned cycle (one running cycle per id).</summary>
    public Task<(WorkflowState? State, CycleProblem? Problem)> StartAsync(JsonObject cycle, CancellationToken cancellationToken = default) =>
        StartWorkflowAsync(CycleDefinitionId, "Cycle", cycle, cancellationToken);

    /// <summary>Builds and starts a steering group's year from an imported steering-group file.</summary>
    public async Task<(WorkflowState? State, CycleProblem? Problem)> StartSteeringGroupAsync(SteeringGroupRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Dataset)) return (null, Invalid("dataset", "steering.required"));
        if (request.ShiftDays is < 0 or > 3650) return (null, Invalid("shiftDays", "shiftDays.range"));
        var dataset = await directory.DatasetAsync(request.Dataset.Trim(), cancellationToken);
        if (dataset is not { Kind: "steeringGroup" }) return (null, Invalid("dataset", "steering.unknown", request.Dataset));
        JsonObject group;
        try
        {
            group = steeringGroups.Build(JsonNode.Parse(dataset.Json)!.AsObject(), request.ShiftDays);
        }
        catch (CyclePlanException e)
        {
            return (null, CycleProblem.Of(CycleProblemKind.Invalid, e.Field, e.Code, [.. e.Args]));
        }

        return await StartWorkflowAsync(SteeringGroupDefinitionId, "Group", group, cancellationToken);
    }

    /// <summary>
    /// Days by which an imported file's dates move so that its first date falls a week from today or later, in whole
    /// 52-week steps (weekdays kept): a past file (the 2023 demo) is proposed in the coming years. 0 for an unknown file.
    /// </summary>
    public async Task<int> FutureShiftAsync(string dataset, CancellationToken cancellationToken = default)
    {
        var row = await directory.DatasetAsync(dataset, cancellationToken);
        var from = calendar.LocalDate(time.GetUtcNow()).AddDays(7);
        return row?.Kind switch
        {
            "region" => CyclePlanner.ShiftToFuture(JsonNode.Parse(row.Json)!.AsObject(), from),
            "steeringGroup" => SteeringGroupPlanner.ShiftToFuture(JsonNode.Parse(row.Json)!.AsObject(), from),
            _ => 0,
        };
    }

    /// <summary>Starts a cycle or year for each imported file, its dates moved to the coming years; a running one is left as it is.</summary>
    public async Task StartInFutureAsync(IEnumerable<string> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        foreach (var dataset in datasets)
        {
            var shift = await FutureShiftAsync(dataset, cancellationToken);
            if (await directory.DatasetAsync(dataset, cancellationToken) is { Kind: "steeringGroup" })
            {
                await StartSteeringGroupAsync(new SteeringGroupRequest(dataset, shift), cancellationToken);
                continue;
            }

            var (cycle, _) = await PlanAsync(new CycleRequest(dataset, null, null, shift), cancellationToken);
            if (cycle is not null) await StartAsync(cycle, cancellationToken);
        }
    }

    /// <summary>Every cycle and steering-group year, newest first.</summary>
    public Task<IReadOnlyList<CycleListItem>> ListAsync(CancellationToken cancellationToken = default) => ListAsync("fi", cancellationToken);

    /// <summary>Every cycle and steering-group year, newest first, named in <paramref name="language"/> where the cycle has the name.</summary>
    public async Task<IReadOnlyList<CycleListItem>> ListAsync(string language, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WorkflowInstances.AsNoTracking().Where(i => DashboardDefinitionIds.Contains(i.DefinitionId))
            .Select(i => new { Item = new CycleListItem(i.Id, i.Name, i.DefinitionId, i.CorrelationId, i.Status, i.SubStatus, i.CreatedAt, i.FinishedAt), Data = language == "fi" ? null : i.Data })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.Data is null ? r.Item : r.Item with { Name = NameIn(r.Data, language) ?? r.Item.Name }).OrderByDescending(r => r.CreatedAt)];
    }

    private static string? NameIn(string data, string language) =>
        System.Text.Json.JsonSerializer.Deserialize<WorkflowState>(data, Workflows.Serialization.WorkflowJson.Options)?.Input["Cycle"] is System.Text.Json.Nodes.JsonObject cycle
            ? CyclePlanner.CycleName(cycle, language) : null;

    /// <summary>The dashboard of cycle <paramref name="id"/>; null when there is no such cycle.</summary>
    public Task<CycleDashboard?> DashboardAsync(string id, CancellationToken cancellationToken = default) => DashboardAsync(id, "fi", cancellationToken);

    /// <summary>The dashboard with phase, request, meeting and cycle names in <paramref name="language"/> where the cycle has them.</summary>
    public Task<CycleDashboard?> DashboardAsync(string id, string language, CancellationToken cancellationToken = default) => DashboardAsync(id, language, true, cancellationToken);

    /// <summary>The dashboard; without the cycle's records (versions, decisions) when the caller does not show them (the cycle list, the calendar feed).</summary>
    public async Task<CycleDashboard?> DashboardAsync(string id, string language, bool withRecords, CancellationToken cancellationToken = default) =>
        await CycleDashboard.LoadAsync(id, store, contexts, calendar, time.GetUtcNow(), cancellationToken, language) is { } dashboard
            ? withRecords ? dashboard with { Records = await records.ListAsync(id, cancellationToken) } : dashboard
            : null;

    /// <summary>
    /// The coordinator supplies a new version of the plan document: later requests link it. Refused with the field named
    /// when the address is not a web address; not found for an unknown cycle or one that has ended.
    /// </summary>
    public async Task<CycleProblem?> AddDocumentAsync(string id, string? url, string? by, CancellationToken cancellationToken = default)
    {
        if (await CycleStateAsync(id, [CycleDefinitionId], cancellationToken) is not { } cycle)
            return CycleProblem.Of(CycleProblemKind.NotFound, null, "cycle.notFound", id);
        if (cycle.Status != WorkflowStatus.Running) return CycleProblem.Of(CycleProblemKind.Closed, null, "cycle.finished", id);
        return await records.AddDocumentAsync(id, url ?? "", by, cancellationToken) ? null : Invalid("url", "document.url");
    }

    /// <summary>Reminds everyone who has not answered open request <paramref name="requestId"/> now.</summary>
    public Task<CycleProblem?> RemindAsync(string id, string? requestId, string? by, CancellationToken cancellationToken = default) =>
        ControlAsync(id, requestId, new Dictionary<string, object?> { [RequestApproval.ActionKey] = RequestApproval.RemindAction, [RequestApproval.ByKey] = by }, cancellationToken);

    /// <summary>Moves an open request's deadline: a date means 16.00 Helsinki time on it; it must be in the future.</summary>
    public Task<CycleProblem?> ExtendAsync(string id, string? requestId, string? dueAt, string? by, CancellationToken cancellationToken = default)
    {
        var due = DateOnly.TryParseExact(dueAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? calendar.At(date, CyclePlanner.DeadlineHour)
            : DateTimeOffset.TryParse(dueAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && dueAt!.Length > 10 ? at : (DateTimeOffset?)null;
        if (due is null) return Task.FromResult<CycleProblem?>(Invalid("dueAt", "dueAt.format"));
        if (due <= time.GetUtcNow()) return Task.FromResult<CycleProblem?>(Invalid("dueAt", "dueAt.past"));
        return ControlAsync(id, requestId, new Dictionary<string, object?>
        {
            [RequestApproval.ActionKey] = RequestApproval.ExtendAction, [RequestApproval.ByKey] = by, [RequestApproval.DueAtKey] = due.Value.ToString("O", CultureInfo.InvariantCulture),
        }, cancellationToken);
    }

    /// <summary>Asks one more person on an open request, or replaces a person who has not answered (their links stop working).</summary>
    public Task<CycleProblem?> AddOrReplaceAsync(string id, string? requestId, ParticipantRequest? person, string? by, CancellationToken cancellationToken = default)
    {
        if (Check(person) is { } invalid) return Task.FromResult<CycleProblem?>(invalid);
        return ControlAsync(id, requestId, new Dictionary<string, object?>
        {
            [RequestApproval.ActionKey] = string.IsNullOrEmpty(person!.Replaces) ? RequestApproval.AddPersonAction : RequestApproval.ReplacePersonAction,
            [RequestApproval.SeatKey] = person.Replaces, [RequestApproval.ByKey] = by,
            [RequestApproval.PersonKey] = new Dictionary<string, object?>
            {
                ["email"] = person.Email!.Trim(), ["name"] = string.IsNullOrWhiteSpace(person.Name) ? null : person.Name.Trim(),
                ["language"] = person.Language is { Length: > 0 } l ? l : "fi", ["organisation"] = string.IsNullOrWhiteSpace(person.Organisation) ? null : person.Organisation.Trim(),
            },
        }, cancellationToken);
    }

    /// <summary>Cancels a cycle (or steering-group year) and its child workflows.</summary>
    public async Task<CycleProblem?> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await CycleTreeAsync(id, cancellationToken) is not { } ids) return CycleProblem.Of(CycleProblemKind.NotFound, null, "cycle.notFound", id);
        foreach (var child in ids.Skip(1)) await runtime.CancelAsync(child, cancellationToken);

        return await runtime.CancelAsync(id, cancellationToken) ? null : CycleProblem.Of(CycleProblemKind.Closed, null, "cycle.finished");
    }

    private static CycleProblem Invalid(string field, string code, params object?[] args) => CycleProblem.Of(CycleProblemKind.Invalid, field, code, args);

    private static CycleProblem? Check(ParticipantRequest? person)
    {
        if (person?.Email is not { Length: > 3 and <= 254 } email || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
            return Invalid("email", "email.required");
        if (person.Language is { Length: > 0 } language && language is not ("fi" or "sv" or "en")) return Invalid("language", "language.values");
        if (person.Name is { Length: > 200 }) return Invalid("name", "name.length");
        return null;
    }

    /// <summary>Delivers a coordinator's control input to the instance (the cycle or a child) that holds open request <paramref name="requestId"/>.</summary>
    private async Task<CycleProblem?> ControlAsync(string id, string? requestId, Dictionary<string, object?> input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(requestId) || await RequestInstanceAsync(id, requestId, cancellationToken) is not { } instanceId)
            return CycleProblem.Of(CycleProblemKind.NotFound, null, "request.notFound", requestId, id);
        var affected = await runtime.DeliverAsync(new Stimulus(StimulusHasher.Hash(RequestApproval.ControlStimulus, RequestApproval.ControlPayload(requestId)), input, null, instanceId, null,
            CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
        return affected.Count == 0 ? CycleProblem.Of(CycleProblemKind.Closed, null, "request.closed") : null;
    }

    private async Task<string?> RequestInstanceAsync(string id, string requestId, CancellationToken cancellationToken)
    {
        // Only a cycle's (or steering-group year's) own requests: a coordinator may not reach into other workflows.
        if (await CycleTreeAsync(id, cancellationToken) is not { } ids) return null;
        foreach (var instanceId in ids)
        {
            if (await store.LoadAsync(instanceId, cancellationToken) is { } loaded && loaded.State.Status == WorkflowStatus.Running && ApprovalTasks.InInstance(loaded.State).Any(r => r.RequestId == requestId))
                return instanceId;
        }

        return null;
    }

    /// <summary>Starts <paramref name="definitionId"/> with <paramref name="input"/> as its input <paramref name="inputName"/>, correlated by the input's id.</summary>
    private async Task<(WorkflowState? State, CycleProblem? Problem)> StartWorkflowAsync(string definitionId, string inputName, JsonObject input, CancellationToken cancellationToken)
    {
        var correlation = input["id"]?.GetValue<string>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = WorkflowStatus.Running.ToString();
        if (correlation is not null && await db.WorkflowInstances.AnyAsync(i => i.DefinitionId == definitionId && i.CorrelationId == correlation && i.Status == running, cancellationToken))
            return (null, CycleProblem.Of(CycleProblemKind.Conflict, null, "cycle.running", correlation));
        var version = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.IsPublished).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (version is null) return (null, CycleProblem.Of(CycleProblemKind.Conflict, null, "workflow.unpublished", definitionId));
        RunResult result;
        try
        {
            // A plan document given at start is the cycle's first version, stored with the cycle's first commit.
            var instanceId = IdGenerator.New();
            var properties = input["planUrl"] is JsonValue url && url.TryGetValue<string>(out var planUrl) && planUrl.Length > 0
                ? Records.CycleRecordWriter.Initially(instanceId, Records.CycleRecordKinds.Document, new JsonObject { ["documentUrl"] = planUrl }, CyclePlanner.InLanguage(input["coordinator"]?["email"], "fi"), time.GetUtcNow())
                : null;
            result = await runtime.StartAsync(version, new StartWorkflowRequest
            {
                InstanceId = instanceId,
                Input = new Dictionary<string, object?> { [inputName] = DynamicJson.FromNode(input) },
                CorrelationId = correlation,
                Properties = properties,
            }, cancellationToken);
        }
        catch (WorkflowActivationRefusedException)
        {
            // Two starts at once: the workflow's correlated-singleton strategy lets one through.
            return (null, CycleProblem.Of(CycleProblemKind.Conflict, null, "cycle.running", correlation ?? definitionId));
        }

        if (result.State.Status == WorkflowStatus.Finished && result.State.SubStatus == WorkflowSubStatus.Faulted)
            return (null, CycleProblem.Of(CycleProblemKind.Faulted, null, "workflow.faulted", result.State.Incidents.FirstOrDefault()?.Message ?? "it faulted"));
        return (result.State, null);
    }
}
