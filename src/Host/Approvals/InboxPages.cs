using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Host.Approvals.Pages;
using Opiskeluhuolto.Host.Infrastructure;
using static Opiskeluhuolto.Host.Approvals.ApprovalPages;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>
/// The participant's task inbox: every open approval waiting for the person across planning cycles (due dates as
/// working-day countdowns, each opening the decision page) and their recent decisions. Without a valid link the page
/// offers a form that e-mails a fresh link; its answer is the same whether or not the address is known.
/// </summary>
public static class InboxPages
{
    /// <summary>Maps <c>GET /approvals/inbox</c> and <c>POST /approvals/inbox</c> (anonymous, rate limited).</summary>
    public static void MapInboxPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/approvals/inbox", InboxAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
        app.MapPost("/approvals/inbox", RequestLinkAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
    }

    private static string PageLanguage(string? lang, HttpContext http) => lang is "fi" or "sv" or "en" ? lang : LanguageOf(http);

    /// <summary>The countdown text for a due date, counted in Finnish working days from today (local).</summary>
    public static string Countdown(string language, FinnishBusinessCalendar calendar, DateTimeOffset now, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var text = PageTexts.Table<InboxTexts>(language);
        var days = calendar.WorkingDaysBetween(calendar.LocalDate(now), calendar.LocalDate(dueAt));
        if (days == 0) return dueAt < now ? text["late1"] : text["today"];
        if (days == 1) return text["left1"];
        if (days == -1) return text["late1"];
        return string.Format(CultureInfo.InvariantCulture, days > 0 ? text["left"] : text["late"], Math.Abs(days));
    }

    private static async Task<IResult> InboxAsync(string? t, string? lang, HttpContext http, ApprovalLinks links, ApprovalTasks tasks, FinnishBusinessCalendar calendar, IAntiforgery antiforgery, TimeProvider time,
        PublicBaseUrl baseUrl, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(t)) return RequestForm(PageLanguage(lang, http), http, antiforgery, null, StatusCodes.Status200OK);
        var (link, problem) = links.ReadInbox(t);
        if (link is null)
        {
            var language = PageLanguage(lang, http);
            return RequestForm(language, http, antiforgery, PageTexts.Table<InboxTexts>(language)[problem!], StatusCodes.Status410Gone);
        }

        var text = PageTexts.Table<InboxTexts>(link.Language);
        var now = time.GetUtcNow();
        var open = await tasks.OpenAsync(link.Email, cancellationToken);
        var recent = await tasks.RecentAsync(link.Email, now, cancellationToken);
        var items = open.Select(task => new InboxItem(task.Title, task.CycleName, LocalTime.Date(task.DueAt, calendar.TimeZone),
            Countdown(link.Language, calendar, now, task.DueAt), task.DueAt < now, task.AsDeputy, task.Kind,
            links.Create(new ApprovalLink(task.InstanceId, task.SeatId, link.Email, link.Language, null, links.DecisionExpiry(task.DueAt))))).ToList();
        var answered = recent.Select(r => (r.CycleName, r.Decision, LocalTime.Date(r.DecidedAt, calendar.TimeZone))).ToList();
        http.Response.Headers.CacheControl = "no-store";
        return Render<InboxPage>(new
        {
            Lang = link.Language, Text = text, link.Email, Updated = TimeZoneInfo.ConvertTime(now, calendar.TimeZone).ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture),
            Open = items, Recent = answered,
            Feed = await CalendarFeedPages.StoppedAsync(contexts, t, links, time, cancellationToken) ? null : CalendarFeedPages.Address(baseUrl, t),
            Token = t, Tokens = antiforgery.GetAndStoreTokens(http),
        });
    }

    /// <summary>How often one address can be mailed a fresh link, however often it is asked for.</summary>
    public static TimeSpan LinkMailInterval { get; } = TimeSpan.FromMinutes(15);

    private static async Task<IResult> RequestLinkAsync([FromForm] string? email, [FromForm] string? lang, HttpContext http, ApprovalTasks tasks, WorkflowStore store,
        Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        var language = PageLanguage(lang, http);
        var text = PageTexts.Table<InboxTexts>(language);
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            return RequestForm(language, http, antiforgery, text["badEmail"], StatusCodes.Status400BadRequest, address);
        var now = time.GetUtcNow();
        // Looked up by equality in the seat index (and the recent decisions), never by searching instance state.
        var (known, knownLanguage, name) = await tasks.LookupAsync(address, now, cancellationToken);
        // The answer is the same either way, so the page never tells whether the address exists, and so is the work:
        // one check and one commit that records the request, with the mail in it only for a known address not mailed
        // within the interval — the form cannot be used to flood an official from the service's sender. The address is
        // recorded as a hash only: a stranger's address typed into the form is not kept as such.
        var key = "inbox:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("opiskeluhuolto-inbox:" + address.ToLowerInvariant())));
        bool mailedLately;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var since = now - LinkMailInterval;
            mailedLately = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Audit, a => a.WorkflowInstanceId == "" && a.Timestamp >= since && a.Event == "InboxLinkMailed" && a.Actor == key, cancellationToken);
        }

        var mail = known && !mailedLately;
        var record = new SqlBatch();
        record.Add("""INSERT INTO "Audit" ("WorkflowInstanceId", "Timestamp", "Event", "Actor") VALUES ({0}, {1}, {2}, {3})""", "", now, mail ? "InboxLinkMailed" : "InboxLinkRequested", key);
        await store.EnqueueAsync(mail ? new InboxLinkMailEffect($"inbox-{Guid.NewGuid():N}", address, knownLanguage, name) : null, now, null, record, cancellationToken);

        return Render<ParticipantMessage>(new { Lang = language, Title = text["sentHeading"], Lead = text["sent"], LeadRole = "status" });
    }

    private static IResult RequestForm(string language, HttpContext http, IAntiforgery antiforgery, string? problem, int status, string? email = null) =>
        Render<InboxRequestPage>(new
        {
            Lang = language, Text = PageTexts.Table<InboxTexts>(language), Tokens = antiforgery.GetAndStoreTokens(http), Problem = problem, Invalid = status == StatusCodes.Status400BadRequest, Email = email,
        }, status);
}
