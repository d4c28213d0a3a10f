using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
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

    internal static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    internal static string LanguageOf(HttpContext http)
    {
        var accept = http.Request.Headers.AcceptLanguage.ToString();
        return accept.StartsWith("sv", StringComparison.OrdinalIgnoreCase) ? "sv" : accept.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fi";
    }

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

    private static async Task<IResult> ConfirmAsync(string? t, HttpContext http, ApprovalLinks links, WorkflowStore store, IAntiforgery antiforgery, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null) return Problem(LanguageOf(http), problem!);
        await AuditAsync(contexts, time, http, link, "LinkOpened", $"seat {link.SeatId}, preselected {link.Decision ?? "none"}", cancellationToken);
        var text = T[link.Language];
        var task = await LoadAsync(store, link, cancellationToken);
        if (task is null || !task.Open || task.Seat.Decision is not null) return Already(link.Language, task?.Seat);
        var af = antiforgery.GetAndStoreTokens(http);
        var helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var due = TimeZoneInfo.ConvertTime(task.DueAt, helsinki);
        var documents = task.Documents.Count == 0 ? "" :
            $"<h2>{Enc(text["documents"])}</h2><ul>{string.Concat(task.Documents.Select(d => $"<li><a href=\"{Enc(d)}\">{Enc(d)}</a></li>"))}</ul>";
        var offered = RequestApproval.DecisionsFor(task.Kind);
        var order = link.Decision is { } preselected && offered.Contains(preselected) ? new[] { preselected }.Concat(offered.Where(d => d != preselected)) : offered;
        var heading = Kinded(text, "heading", task.Kind);
        var buttons = string.Concat(order.Select((d, i) => $"""<button type="submit" name="decision" value="{d}" class="{(i == 0 && (link.Decision is not null || offered.Count == 1) ? "primary" : "secondary")}">{Enc(text[d])}</button>"""));
        var canDelegate = task.Seat.Deputy is not null && !task.Seat.DeputyAsked && string.Equals(link.Email, task.Seat.Member.Email, StringComparison.OrdinalIgnoreCase);
        var delegateSection = canDelegate
            ? $"""<p class="help" id="delegate-help">{Enc(text["delegateHelp"])}</p><div class="buttons"><button type="submit" name="decision" value="{RequestApproval.DelegateAction}" class="secondary" aria-describedby="delegate-help">{Enc(string.Format(CultureInfo.InvariantCulture, text["delegate"], task.Seat.Deputy!.Name ?? task.Seat.Deputy.Email))}</button></div>"""
            : "";
        var body = $"""
            <h1>{Enc(heading)}</h1>
            <p class="what">{Enc(task.Title)}</p>
            {(string.IsNullOrWhiteSpace(task.Description) ? "" : $"<p>{Enc(task.Description)}</p>")}
            <p>{Enc(text["due"])}: <strong>{due.ToString("d.M.yyyy", CultureInfo.InvariantCulture)}</strong></p>
            {documents}
            <form method="post" action="decide">
              <input type="hidden" name="t" value="{Enc(t)}">
              <input type="hidden" name="{Enc(af.FormFieldName)}" value="{Enc(af.RequestToken!)}">
              <label for="comment">{Enc(Kinded(text, "comment", task.Kind))}</label>
              <textarea id="comment" name="comment" rows="{(task.Kind == "Statement" ? 10 : 4)}" maxlength="{MaxComment}" aria-describedby="comment-help"></textarea>
              <p id="comment-help" class="help">{Enc(text["commentHelp"])}</p>
              <div class="buttons">{buttons}</div>
              <p class="help">{Enc(text["nothingYet"])}</p>
              {delegateSection}
            </form>
            """;
        return Page(link.Language, heading, body, StatusCodes.Status200OK);
    }

    /// <summary>Longest comment or statement text accepted.</summary>
    private const int MaxComment = 8000;

    /// <summary>The text for a request kind (<c>heading.Statement</c>), falling back to the approval text (<c>heading</c>).</summary>
    private static string Kinded(Dictionary<string, string> text, string key, string kind) => text.GetValueOrDefault($"{key}.{kind}") ?? text[key];

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
            return Page(link.Language, text["delegated"], $"""<h1>{Enc(text["delegated"])}</h1><p>{Enc(string.Format(CultureInfo.InvariantCulture, text["delegatedText"], who))}</p><p><a href="decide?t={Uri.EscapeDataString(t!)}">{Enc(text["heading"])}</a></p>""", StatusCodes.Status200OK);
        }

        var thanks = task?.Kind is "Statement" or "Task" ? text["thanks.Answer"] : text["thanks"];
        return Page(link.Language, thanks, $"""<h1>{Enc(thanks)}</h1><p>{Enc(text["recorded"])}: <strong>{Enc(Recorded(text, chosen))}</strong></p>""", StatusCodes.Status200OK);
    }

    /// <summary>How a recorded answer reads ("Hyväksy" for approvals, "Lausunto annettu" for statements).</summary>
    private static string Recorded(Dictionary<string, string> text, string decision) => text.GetValueOrDefault($"recorded.{decision}") ?? text[decision];

    private static IResult Already(string language, ApprovalSeat? seat)
    {
        var text = T[language];
        var recorded = seat?.Decision is { } d ? $"<p>{Enc(text["recorded"])}: <strong>{Enc(Recorded(text, d))}</strong></p>" : "";
        return Page(language, text["already"], $"<h1>{Enc(text["already"])}</h1><p>{Enc(text["alreadyText"])}</p>{recorded}", StatusCodes.Status409Conflict);
    }

    private static IResult Problem(string language, string problem)
    {
        var text = T[language];
        var title = problem == "expired" ? text["expired"] : text["invalid"];
        return Page(language, title, $"<h1>{Enc(title)}</h1><p>{Enc(text["newLink"])} <a href=\"inbox?lang={language}\">{Enc(text["newLinkAction"])}</a></p>", StatusCodes.Status410Gone);
    }

    private const string Css = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;font-size:1.05rem}.what{font-size:1.2rem;font-weight:600}label{display:block;font-weight:600;margin-top:1rem}textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}.help{color:#444;font-size:.95rem}.buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}button{font:inherit;padding:.75rem 1.25rem;border-radius:.3rem;border:2px solid #00509e;min-height:44px}button.primary{background:#00509e;color:#fff}button.secondary{background:#fff;color:#00509e}button:focus,a:focus,textarea:focus,input:focus{outline:3px solid #ffb000;outline-offset:2px}input[type=email]{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;min-height:44px}.error{color:#b00020;font-weight:600}a{color:#00509e}ul.tasks{list-style:none;padding:0}li.task{border:1px solid #767676;border-radius:.4rem;padding:.25rem 1rem 1rem;margin-bottom:1rem}li.task h3{margin:.5rem 0 .25rem;font-size:1.1rem}.cycle{color:#444;margin:0}.countdown.late{color:#b00020}a.button{display:inline-block;background:#00509e;color:#fff;padding:.75rem 1.25rem;border-radius:.3rem;text-decoration:none;min-height:44px;box-sizing:border-box}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

    internal static IResult Page(string language, string title, string body, int status) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="{language}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Enc(title)}</title><style>{Css}</style></head>
        <body><main>{body}</main></body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);
}
