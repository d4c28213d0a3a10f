using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Host.Approvals.Pages;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Planning.Calendar;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>
/// The participant's decision pages. A GET (mail scanners open every link) only shows what is being decided, a comment
/// box and the buttons; the antiforgery-protected POST records the decision and resumes the workflow in one commit.
/// </summary>
public static class ApprovalPages
{
    /// <summary>Maps the pages (anonymous, rate limited).</summary>
    public static void MapApprovalPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/approvals/decide", ConfirmAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
        app.MapPost("/approvals/decide", DecideAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
        app.MapInboxPages();
        app.MapCalendarFeedPages();
    }

    internal static string LanguageOf(HttpContext http) => RequestLanguage.Of(http);

    private static async Task<ApprovalTaskDetails?> LoadAsync(WorkflowStore store, ApprovalLink link, CancellationToken cancellationToken) =>
        await store.LoadAsync(link.InstanceId, cancellationToken) is { } loaded ? ApprovalTasks.Find(loaded.State, link.SeatId, link.Language) : null;

    private static async Task AuditAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, HttpContext http, ApprovalLink link, string @event, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry
        {
            WorkflowInstanceId = link.InstanceId, Timestamp = time.GetUtcNow(), Event = @event, Actor = link.Email, Detail = detail,
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 300)] : null,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IResult> ConfirmAsync(string? t, HttpContext http, ApprovalLinks links, WorkflowStore store, IAntiforgery antiforgery, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null) return Problem(LanguageOf(http), problem!);
        await AuditAsync(contexts, time, http, link, "LinkOpened", $"seat {link.SeatId}, preselected {link.Decision ?? "none"}", cancellationToken);
        var task = await LoadAsync(store, link, cancellationToken);
        if (task is null || !task.Open || task.Seat.Decision is not null) return Already(link.Language, task?.Seat);
        return DecisionView(http, antiforgery, calendar, link, task, t!, null, null);
    }

    /// <summary>The decision form; after a record that did not pass, with what was typed and the field named (400).</summary>
    private static IResult DecisionView(HttpContext http, IAntiforgery antiforgery, FinnishBusinessCalendar calendar, ApprovalLink link, ApprovalTaskDetails task, string token,
        Planning.Cycles.Records.RecordFieldError? error, IReadOnlyDictionary<string, string>? values)
    {
        var offered = RequestApproval.DecisionsFor(task.Kind, task.Record);
        IReadOnlyList<string> order = link.Decision is { } preselected && offered.Contains(preselected) ? [preselected, .. offered.Where(d => d != preselected)] : offered;
        var canDelegate = task.Seat.Deputy is not null && !task.Seat.DeputyAsked && string.Equals(link.Email, task.Seat.Member.Email, StringComparison.OrdinalIgnoreCase);
        return Render<DecisionPage>(new
        {
            Lang = link.Language, Text = PageTexts.Table<ApprovalTexts>(link.Language), Task = task, Token = token, Tokens = antiforgery.GetAndStoreTokens(http),
            Due = LocalTime.Date(task.DueAt, calendar.TimeZone),
            Order = order, PrimaryFirst = link.Decision is not null || offered.Count == 1,
            DeputyName = canDelegate ? task.Seat.Deputy!.Name ?? task.Seat.Deputy.Email : null, MaxComment,
            Error = error, Values = values ?? new Dictionary<string, string>(),
        }, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>Longest comment or statement text accepted.</summary>
    private const int MaxComment = 8000;

    private static async Task<IResult> DecideAsync([FromForm] string? t, [FromForm] string? decision, [FromForm] string? comment, HttpContext http, ApprovalLinks links, WorkflowStore store, WorkflowRuntime runtime,
        Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, IAntiforgery antiforgery, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null) return Problem(LanguageOf(http), problem!);
        var before = await LoadAsync(store, link, cancellationToken);
        var offered = RequestApproval.DecisionsFor(before?.Kind, before?.Record);
        var chosen = offered.FirstOrDefault(d => d == decision) ?? (decision == RequestApproval.DelegateAction ? RequestApproval.DelegateAction : null);
        if (chosen is null || comment is { Length: > MaxComment })
            return Results.Problem($"Choose {string.Join(", ", offered)} or Delegate; a comment is at most {MaxComment} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid decision");
        Dictionary<string, string>? record = null;
        if (before?.Record is { } recordKind && chosen != RequestApproval.DelegateAction)
        {
            // What the answer records is checked here, so a mistake shows on the form with what was typed, before anything is stored.
            var form = await http.Request.ReadFormAsync(cancellationToken);
            var typed = Planning.Cycles.Records.CycleRecordKinds.FieldsOf(recordKind).ToDictionary(f => f.Name, f => f.Type == "attendance"
                ? string.Join(',', before.Attendees.Select((_, i) => Cut(form[$"attendance-{i}"].ToString(), 10)))
                : Cut(form[f.Name].ToString(), 4000), StringComparer.Ordinal);
            var (checkedRecord, error) = Planning.Cycles.Records.CycleRecordKinds.Read(recordKind, typed.GetValueOrDefault, calendar.LocalDate(time.GetUtcNow()));
            if (error is not null || checkedRecord is null)
                return before.Open && before.Seat.Decision is null ? DecisionView(http, antiforgery, calendar, link with { Decision = chosen }, before, t!, error, typed) : Already(link.Language, before.Seat);
            record = checkedRecord.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }

        var hash = StimulusHasher.Hash(RequestApproval.DecisionStimulus, RequestApproval.Stimulus(link.SeatId));
        var input = new Dictionary<string, object?>
        {
            [RequestApproval.DecisionKey] = chosen,
            [RequestApproval.CommentKey] = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            [RequestApproval.ByKey] = link.Email,
            [RequestApproval.ViaKey] = $"link; {http.Request.Headers.UserAgent}",
        };
        if (record is not null) input[RequestApproval.RecordKey] = record.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
        var affected = await runtime.DeliverAsync(new Stimulus(hash, input, null, link.InstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
        var task = await LoadAsync(store, link, cancellationToken);
        await AuditAsync(contexts, time, http, link, affected.Count == 0 ? "DecisionRefused" : "DecisionSubmitted", affected.Count == 0 ? $"{chosen}: already decided" : chosen, cancellationToken);
        if (affected.Count == 0) return Already(link.Language, task?.Seat);
        var text = PageTexts.Table<ApprovalTexts>(link.Language);
        if (chosen == RequestApproval.DelegateAction)
        {
            var who = task?.Seat.Deputy is { } d ? d.Name ?? d.Email : "";
            return Render<ParticipantMessage>(new { Lang = link.Language, Title = text["delegated"], Lead = string.Format(CultureInfo.InvariantCulture, text["delegatedText"], who), LinkHref = $"decide?t={Uri.EscapeDataString(t!)}", LinkText = text["heading"] });
        }

        var thanks = task?.Kind is "Statement" or "Task" ? text["thanks.Answer"] : text["thanks"];
        return Render<ParticipantMessage>(new { Lang = link.Language, Title = thanks, RecordedLabel = text["recorded"], RecordedValue = Recorded(text, chosen, before?.Record) });
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>How a recorded answer reads ("Hyväksy" for approvals, "Lausunto annettu" for statements).</summary>
    private static string Recorded(IReadOnlyDictionary<string, string> text, string decision, string? record = null) =>
        (record is null ? null : text.GetValueOrDefault($"{record}.{decision}")) ?? text.GetValueOrDefault($"recorded.{decision}") ?? text[decision];

    private static IResult Already(string language, ApprovalSeat? seat)
    {
        var text = PageTexts.Table<ApprovalTexts>(language);
        return Render<ParticipantMessage>(new
        {
            Lang = language, Title = text["already"], Lead = text["alreadyText"],
            RecordedLabel = seat?.Decision is null ? null : text["recorded"], RecordedValue = seat?.Decision is { } d ? Recorded(text, d) : null,
        }, StatusCodes.Status409Conflict);
    }

    private static IResult Problem(string language, string problem)
    {
        var text = PageTexts.Table<ApprovalTexts>(language);
        return Render<ParticipantMessage>(new
        {
            Lang = language, Title = problem == "expired" ? text["expired"] : text["invalid"], LinkLead = text["newLink"], LinkHref = $"inbox?lang={language}", LinkText = text["newLinkAction"],
        }, StatusCodes.Status410Gone);
    }
}
