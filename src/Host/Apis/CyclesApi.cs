using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// The coordinator's planning cycles over HTTP: preview a cycle from an imported region (every mail and deadline, before
/// anything is sent), start it, list cycles, read one cycle's dashboard and act on its open requests. The work is the
/// planning module's <see cref="CycleService"/>; this class maps routes and answers.
/// </summary>
public static class CyclesApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapCyclesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/directory/datasets", DatasetsAsync).WithTags("Directory").WithName("ListDatasets").WithSummary("Imported region and steering-group files.");
        api.MapPost("/cycles/preview", PreviewAsync).WithTags("Cycles").WithName("PreviewCycle")
            .WithSummary("Every phase, deadline, invitation and reminder a cycle would produce; nothing is stored or sent.");
        api.MapPost("/cycles", StartAsync).WithTags("Cycles").WithName("StartCycle").WithSummary("Starts a planning cycle for an imported region.");
        api.MapPost("/cycles/{id}/next-term/preview", PreviewNextTermAsync).WithTags("Cycles").WithName("PreviewNextTerm")
            .WithSummary("The next council term's cycle made from this one (same region and people, phases moved into the new term, names carrying it): every phase, deadline and mail; nothing is stored or sent.");
        api.MapPost("/cycles/{id}/next-term", StartNextTermAsync).WithTags("Cycles").WithName("StartNextTerm")
            .WithSummary("Starts the next council term's cycle made from this one; its first document is this term's approved plan ({\"phases\": …, \"planUrl\": …} optional).");
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
        api.MapGet("/cycles/{id}/mail", MailAsync).WithTags("Cycles").WithName("ListCycleMail")
            .WithSummary("The cycle's mail that has not reached people: waiting, and failed with the reason (bounced, relay, uncertain).");
        api.MapPost("/cycles/{id}/mail/{mailId:long}/resend", ResendAsync).WithTags("Cycles").WithName("ResendCycleMail")
            .WithSummary("Sends a failed mail again, to the same address or a corrected one ({\"email\": …}; on an open request the seat's address is corrected).");
        api.MapPost("/cycles/{id}/documents", AddDocumentAsync).WithTags("Cycles").WithName("AddCycleDocument")
            .WithSummary("Supplies a new version of the plan document ({\"url\": …}); later requests link it, and the dashboard lists it with who supplied it and when.");
        api.MapPost("/cycles/{id}/cancel", CancelAsync).WithTags("Cycles").WithName("CancelCycle").WithSummary("Cancels a running cycle and its child workflows.");
        return api;
    }

    /// <summary>A new deadline for an open request.</summary>
    /// <param name="DueAt">The new deadline (ISO 8601 with offset, or a date yyyy-MM-dd meaning 16.00 Helsinki time).</param>
    public sealed record ExtendRequest(string? DueAt);

    private static async Task<IResult> DatasetsAsync(PeopleDirectory directory, CancellationToken cancellationToken) =>
        Results.Ok(new { items = (await directory.DatasetsAsync(cancellationToken)).Select(d => new { id = d.Source, kind = d.Kind, name = d.Name, importedAt = d.ImportedAt }) });

    private static async Task<IResult> PreviewAsync(CycleRequest? request, [FromQuery] string? lang, CycleService cycles, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await cycles.PlanAsync(request, cancellationToken);
        if (problem is not null) return Answer(problem);
        return Results.Ok(new { cycle = Summary(cycle!), schedule = Schedule(cycles.Preview(cycle!, Language(lang))) });
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
        items.Select(i => new { at = i.At, date = i.At.ToString("d.M.yyyy", CultureInfo.InvariantCulture), kind = i.Kind, phase = i.Phase, title = i.Title, recipients = i.Recipients, warning = i.Warning });

    private static async Task<IResult> StartAsync(CycleRequest? request, CycleService cycles, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await cycles.PlanAsync(request, cancellationToken);
        if (problem is not null) return Answer(problem);
        var (state, startProblem) = await cycles.StartAsync(cycle!, cancellationToken);
        return Started(state, startProblem);
    }

    /// <summary>Changes to the next term's cycle before it starts.</summary>
    /// <param name="Phases">Moved phase dates, as for a new cycle.</param>
    /// <param name="PlanUrl">Its first document, instead of the previous term's approved plan.</param>
    public sealed record NextTermRequest(JsonObject? Phases, string? PlanUrl);

    private static async Task<IResult> PreviewNextTermAsync(string id, NextTermRequest? request, [FromQuery] string? lang, CycleService cycles, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await cycles.PlanNextTermAsync(id, request?.Phases, request?.PlanUrl, cancellationToken);
        if (problem is not null) return Answer(problem);
        return Results.Ok(new { cycle = Summary(cycle!), term = cycle!["term"]?.GetValue<string>(), previous = cycle["previous"], schedule = Schedule(cycles.Preview(cycle, Language(lang))) });
    }

    private static async Task<IResult> StartNextTermAsync(string id, NextTermRequest? request, CycleService cycles, CancellationToken cancellationToken)
    {
        var (cycle, problem) = await cycles.PlanNextTermAsync(id, request?.Phases, request?.PlanUrl, cancellationToken);
        if (problem is not null) return Answer(problem);
        var (state, startProblem) = await cycles.StartAsync(cycle!, cancellationToken);
        return Started(state, startProblem);
    }

    private static async Task<IResult> StartSteeringGroupAsync(SteeringGroupRequest? request, CycleService cycles, CancellationToken cancellationToken)
    {
        var (state, problem) = await cycles.StartSteeringGroupAsync(request, cancellationToken);
        return Started(state, problem);
    }

    private static IResult Started(WorkflowState? state, CycleProblem? problem) => state is null
        ? Answer(problem!)
        : Results.Created($"/api/cycles/{state.Id}", new { id = state.Id, name = state.Name, status = state.Status.ToString(), subStatus = state.SubStatus.ToString() });

    private static async Task<IResult> ListAsync(CycleService cycles, CancellationToken cancellationToken) =>
        Results.Ok(new
        {
            items = (await cycles.ListAsync(cancellationToken)).Select(r => new
            {
                id = r.Id, name = r.Name, kind = r.DefinitionId == CycleService.SteeringGroupDefinitionId ? "steeringGroup" : "councilTermCycle", cycle = r.CorrelationId,
                status = r.Status, subStatus = r.SubStatus, createdAt = r.CreatedAt, finishedAt = r.FinishedAt,
            }),
        });

    private static async Task<IResult> RemindAsync(string id, string requestId, HttpContext http, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.RemindAsync(id, requestId, http.User.Identity?.Name, cancellationToken));

    private static async Task<IResult> ExtendAsync(string id, string requestId, ExtendRequest? body, HttpContext http, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.ExtendAsync(id, requestId, body?.DueAt, http.User.Identity?.Name, cancellationToken));

    private static async Task<IResult> ParticipantAsync(string id, string requestId, ParticipantRequest? body, HttpContext http, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.AddOrReplaceAsync(id, requestId, body, http.User.Identity?.Name, cancellationToken));

    private static async Task<IResult> MailAsync(string id, CycleService cycles, CancellationToken cancellationToken) =>
        await cycles.MailAsync(id, cancellationToken) is { } mail
            ? Results.Json(new { items = mail.Pending, waiting = mail.Pending.Count(m => m.State == "Waiting"), failed = mail.Pending.Count(m => m.State == "Failed"), sent = mail.Sent })
            : Results.Problem($"Cycle '{id}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>A corrected address for a failed mail (optional).</summary>
    /// <param name="Email">The address to send to instead.</param>
    public sealed record ResendRequest(string? Email);

    /// <summary>A new version of the plan document.</summary>
    /// <param name="Url">Where the version opens (an absolute http(s) address).</param>
    public sealed record DocumentRequest(string? Url);

    private static async Task<IResult> AddDocumentAsync(string id, DocumentRequest? body, HttpContext http, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.AddDocumentAsync(id, body?.Url, http.User.Identity?.Name, cancellationToken));

    private static async Task<IResult> ResendAsync(string id, long mailId, ResendRequest? body, HttpContext http, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.ResendMailAsync(id, mailId, body?.Email, http.User.Identity?.Name, cancellationToken));

    private static async Task<IResult> CancelAsync(string id, CycleService cycles, CancellationToken cancellationToken) =>
        Done(await cycles.CancelAsync(id, cancellationToken));

    /// <summary>Names in the language asked for with <c>?lang=sv</c> (or en); Finnish otherwise, as the API has always answered.</summary>
    private static string Language(string? lang) => RequestLanguage.IsSupported(lang) ? lang! : "fi";

    private static async Task<IResult> DashboardAsync(string id, [FromQuery] string? lang, CycleService cycles, CancellationToken cancellationToken) =>
        await cycles.DashboardAsync(id, Language(lang), cancellationToken) is { } dashboard
            ? Results.Ok(dashboard)
            : Results.Problem($"No planning cycle '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static IResult Done(CycleProblem? problem) => problem is null ? Results.NoContent() : Answer(problem);

    /// <summary>A refusal as HTTP: 400 naming the field, 404, 409 or 422.</summary>
    private static IResult Answer(CycleProblem problem) => problem.Kind switch
    {
        CycleProblemKind.Invalid => Results.ValidationProblem(new Dictionary<string, string[]> { [problem.Field ?? "body"] = [problem.Message] }),
        CycleProblemKind.NotFound => Results.Problem(problem.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        CycleProblemKind.Faulted => Results.Problem(problem.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Workflow faulted"),
        CycleProblemKind.Closed => Results.Problem(problem.Message, statusCode: StatusCodes.Status409Conflict, title: "Closed"),
        _ => Results.Problem(problem.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
    };
}
