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
    }

    private static readonly Dictionary<string, Dictionary<string, string>> T = new()
    {
        ["fi"] = new()
        {
            ["heading"] = "Päätöksesi pyydetään", ["due"] = "Vastaa viimeistään", ["documents"] = "Asiakirjat", ["comment"] = "Kommentti (vapaaehtoinen)",
            ["commentHelp"] = "Älä kirjoita kommenttiin oppilaiden tai opiskelijoiden tietoja.", ["Approved"] = "Hyväksy", ["ChangesRequested"] = "Pyydä muutoksia", ["Rejected"] = "Hylkää",
            ["nothingYet"] = "Mitään ei tallenneta ennen kuin painat jotakin painiketta.", ["thanks"] = "Kiitos, päätöksesi on kirjattu", ["recorded"] = "Kirjattu päätös",
            ["already"] = "Tähän on jo vastattu", ["alreadyText"] = "Tämän pyynnön päätös on jo kirjattu tai asia on ratkaistu. Uutta vastausta ei tallennettu.",
            ["expired"] = "Linkki on vanhentunut", ["invalid"] = "Linkki ei ole kelvollinen", ["newLink"] = "Avoimet tehtäväsi löydät tehtäväsivultasi. Saat uuden linkin sähköpostiisi:", ["newLinkAction"] = "Pyydä uusi linkki",
            ["closed"] = "Pyyntö on suljettu", ["delegate"] = "Siirrä varajäsenelle: {0}", ["delegateHelp"] = "Jos et ehdi vastata, pyyntö lähetetään varajäsenellesi. Voit silti vastata myös itse.",
            ["delegated"] = "Varajäsenellesi on lähetetty pyyntö", ["delegatedText"] = "{0} sai pyynnön sähköpostiinsa. Voit edelleen vastata myös itse tällä linkillä.",
            ["heading.Statement"] = "Lausuntoanne pyydetään", ["heading.Task"] = "Tehtävä", ["comment.Statement"] = "Lausunto tai linkki lausuntoon", ["comment.Task"] = "Huomautus (vapaaehtoinen)",
            ["Submitted"] = "Anna lausunto", ["NoStatement"] = "Ei lausuttavaa", ["Done"] = "Merkitse tehdyksi",
            ["recorded.Submitted"] = "Lausunto annettu", ["recorded.NoStatement"] = "Ei lausuttavaa", ["recorded.Done"] = "Tehty", ["thanks.Answer"] = "Kiitos, vastauksesi on kirjattu",
        },
        ["sv"] = new()
        {
            ["heading"] = "Ditt beslut begärs", ["due"] = "Svara senast", ["documents"] = "Dokument", ["comment"] = "Kommentar (frivillig)",
            ["commentHelp"] = "Skriv inga uppgifter om elever eller studerande i kommentaren.", ["Approved"] = "Godkänn", ["ChangesRequested"] = "Begär ändringar", ["Rejected"] = "Avslå",
            ["nothingYet"] = "Inget sparas innan du trycker på en knapp.", ["thanks"] = "Tack, ditt beslut har registrerats", ["recorded"] = "Registrerat beslut",
            ["already"] = "Redan besvarad", ["alreadyText"] = "Beslutet för denna begäran har redan registrerats eller ärendet är avgjort. Inget nytt svar sparades.",
            ["expired"] = "Länken har gått ut", ["invalid"] = "Länken är inte giltig", ["newLink"] = "Dina öppna uppgifter finns på din uppgiftssida. Du får en ny länk till din e-post:", ["newLinkAction"] = "Be om en ny länk",
            ["closed"] = "Begäran är stängd", ["delegate"] = "Överlåt till ersättaren: {0}", ["delegateHelp"] = "Om du inte hinner svara skickas begäran till din ersättare. Du kan ändå svara själv.",
            ["delegated"] = "Din ersättare har fått begäran", ["delegatedText"] = "{0} fick begäran per e-post. Du kan fortfarande svara själv med den här länken.",
            ["heading.Statement"] = "Ert utlåtande begärs", ["heading.Task"] = "Uppgift", ["comment.Statement"] = "Utlåtande eller länk till utlåtandet", ["comment.Task"] = "Anmärkning (frivillig)",
            ["Submitted"] = "Lämna utlåtande", ["NoStatement"] = "Inget att yttra", ["Done"] = "Markera som klar",
            ["recorded.Submitted"] = "Utlåtande lämnat", ["recorded.NoStatement"] = "Inget att yttra", ["recorded.Done"] = "Klar", ["thanks.Answer"] = "Tack, ditt svar har registrerats",
        },
        ["en"] = new()
        {
            ["heading"] = "Your decision is requested", ["due"] = "Please answer by", ["documents"] = "Documents", ["comment"] = "Comment (optional)",
            ["commentHelp"] = "Do not write anything about individual pupils or students in the comment.", ["Approved"] = "Approve", ["ChangesRequested"] = "Request changes", ["Rejected"] = "Reject",
            ["nothingYet"] = "Nothing is recorded until you press a button.", ["thanks"] = "Thank you, your decision has been recorded", ["recorded"] = "Recorded decision",
            ["already"] = "Already answered", ["alreadyText"] = "A decision on this request has already been recorded or the matter has been decided. No new answer was stored.",
            ["expired"] = "The link has expired", ["invalid"] = "The link is not valid", ["newLink"] = "Your open tasks are on your task page. We can e-mail you a new link:", ["newLinkAction"] = "Ask for a new link",
            ["closed"] = "The request is closed", ["delegate"] = "Hand over to my deputy: {0}", ["delegateHelp"] = "If you cannot answer in time, the request goes to your deputy. You can still answer yourself.",
            ["delegated"] = "Your deputy has been asked", ["delegatedText"] = "{0} received the request by e-mail. You can still answer yourself with this link.",
            ["heading.Statement"] = "Your statement is requested", ["heading.Task"] = "Task", ["comment.Statement"] = "Statement or a link to it", ["comment.Task"] = "Note (optional)",
            ["Submitted"] = "Submit statement", ["NoStatement"] = "No statement", ["Done"] = "Mark as done",
            ["recorded.Submitted"] = "Statement submitted", ["recorded.NoStatement"] = "No statement", ["recorded.Done"] = "Done", ["thanks.Answer"] = "Thank you, your answer has been recorded",
        },
    };

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
        var text = T[link.Language];
        var task = await LoadAsync(store, link, cancellationToken);
        if (task is null || !task.Open || task.Seat.Decision is not null) return Already(link.Language, task?.Seat);
        var offered = RequestApproval.DecisionsFor(task.Kind);
        IReadOnlyList<string> order = link.Decision is { } preselected && offered.Contains(preselected) ? [preselected, .. offered.Where(d => d != preselected)] : offered;
        var canDelegate = task.Seat.Deputy is not null && !task.Seat.DeputyAsked && string.Equals(link.Email, task.Seat.Member.Email, StringComparison.OrdinalIgnoreCase);
        return Render<DecisionPage>(new
        {
            Lang = link.Language, Text = text, Task = task, Token = t!, Tokens = antiforgery.GetAndStoreTokens(http),
            Due = LocalTime.Date(task.DueAt, calendar.TimeZone),
            Order = order, PrimaryFirst = link.Decision is not null || offered.Count == 1,
            DeputyName = canDelegate ? task.Seat.Deputy!.Name ?? task.Seat.Deputy.Email : null, MaxComment,
        });
    }

    /// <summary>Longest comment or statement text accepted.</summary>
    private const int MaxComment = 8000;

    private static async Task<IResult> DecideAsync([FromForm] string? t, [FromForm] string? decision, [FromForm] string? comment, HttpContext http, ApprovalLinks links, WorkflowStore store, WorkflowRuntime runtime, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null) return Problem(LanguageOf(http), problem!);
        var before = await LoadAsync(store, link, cancellationToken);
        var offered = RequestApproval.DecisionsFor(before?.Kind);
        var chosen = offered.FirstOrDefault(d => d == decision) ?? (decision == RequestApproval.DelegateAction ? RequestApproval.DelegateAction : null);
        if (chosen is null || comment is { Length: > MaxComment })
            return Results.Problem($"Choose {string.Join(", ", offered)} or Delegate; a comment is at most {MaxComment} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid decision");
        var hash = StimulusHasher.Hash(RequestApproval.DecisionStimulus, RequestApproval.Stimulus(link.SeatId));
        var input = new Dictionary<string, object?>
        {
            [RequestApproval.DecisionKey] = chosen,
            [RequestApproval.CommentKey] = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            [RequestApproval.ByKey] = link.Email,
            [RequestApproval.ViaKey] = $"link; {http.Request.Headers.UserAgent}",
        };
        var affected = await runtime.DeliverAsync(new Stimulus(hash, input, null, link.InstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
        var task = await LoadAsync(store, link, cancellationToken);
        await AuditAsync(contexts, time, http, link, affected.Count == 0 ? "DecisionRefused" : "DecisionSubmitted", affected.Count == 0 ? $"{chosen}: already decided" : chosen, cancellationToken);
        if (affected.Count == 0) return Already(link.Language, task?.Seat);
        var text = T[link.Language];
        if (chosen == RequestApproval.DelegateAction)
        {
            var who = task?.Seat.Deputy is { } d ? d.Name ?? d.Email : "";
            return Render<ParticipantMessage>(new { Lang = link.Language, Title = text["delegated"], Lead = string.Format(CultureInfo.InvariantCulture, text["delegatedText"], who), LinkHref = $"decide?t={Uri.EscapeDataString(t!)}", LinkText = text["heading"] });
        }

        var thanks = task?.Kind is "Statement" or "Task" ? text["thanks.Answer"] : text["thanks"];
        return Render<ParticipantMessage>(new { Lang = link.Language, Title = thanks, RecordedLabel = text["recorded"], RecordedValue = Recorded(text, chosen) });
    }

    /// <summary>How a recorded answer reads ("Hyväksy" for approvals, "Lausunto annettu" for statements).</summary>
    private static string Recorded(Dictionary<string, string> text, string decision) => text.GetValueOrDefault($"recorded.{decision}") ?? text[decision];

    private static IResult Already(string language, ApprovalSeat? seat)
    {
        var text = T[language];
        return Render<ParticipantMessage>(new
        {
            Lang = language, Title = text["already"], Lead = text["alreadyText"],
            RecordedLabel = seat?.Decision is null ? null : text["recorded"], RecordedValue = seat?.Decision is { } d ? Recorded(text, d) : null,
        }, StatusCodes.Status409Conflict);
    }

    private static IResult Problem(string language, string problem)
    {
        var text = T[language];
        return Render<ParticipantMessage>(new
        {
            Lang = language, Title = problem == "expired" ? text["expired"] : text["invalid"], LinkLead = text["newLink"], LinkHref = $"inbox?lang={language}", LinkText = text["newLinkAction"],
        }, StatusCodes.Status410Gone);
    }
}
