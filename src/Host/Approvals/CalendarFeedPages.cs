using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Approvals.Pages;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Notifications.Calendar;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Workflows.Persistence;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>
/// A participant's calendar feed (<c>.ics</c> to subscribe to): the deadlines of their open requests and the meetings
/// they are invited to, read anew on every fetch, so a moved deadline moves in their calendar. Reached from the task
/// inbox with the same signed token; the participant can stop it there (the token is then refused: 404).
/// </summary>
public static class CalendarFeedPages
{
    /// <summary>The audit event that ends a feed (its detail is the token's SHA-256).</summary>
    public const string StoppedEvent = "CalendarFeedStopped";

    /// <summary>Maps <c>GET /approvals/calendar.ics</c> and <c>POST /approvals/calendar/stop</c> (anonymous, rate limited).</summary>
    public static void MapCalendarFeedPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/approvals/calendar.ics", FeedAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
        app.MapPost("/approvals/calendar/stop", StopAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
    }

    /// <summary>The feed's address for an inbox token.</summary>
    public static string Address(PublicBaseUrl baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return $"{baseUrl.Get()}/approvals/calendar.ics?t={Uri.EscapeDataString(token)}";
    }

    private static async Task<IResult> FeedAsync(string? t, HttpContext http, ApprovalLinks links, ApprovalTasks tasks, IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, _) = links.ReadInbox(t);
        if (link is null || await StoppedAsync(contexts, t!, links, time, cancellationToken))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This calendar feed does not exist or was stopped.");
        var text = PageTexts.Table<InboxTexts>(link.Language);
        var now = time.GetUtcNow();
        var entries = new List<CalendarFeedEntry>();
        foreach (var task in await tasks.OpenAsync(link.Email, cancellationToken))
            entries.Add(new CalendarFeedEntry($"deadline-{task.InstanceId}-{task.SeatId}@opiskeluhuolto", $"{text["calendarDeadline"]}: {task.Title}", task.DueAt.AddMinutes(-30), task.DueAt, null, task.CycleName));
        foreach (var meeting in await MeetingsOf.PersonAsync(contexts, link.Email, link.Language, now, cancellationToken))
            entries.Add(new CalendarFeedEntry($"meeting-{meeting.InstanceId}-{meeting.MeetingId}@opiskeluhuolto", meeting.Title, meeting.StartsAt, meeting.EndsAt, meeting.Location));
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Text(new CalendarFeed(text["calendarName"], entries).ToIcs(), CalendarFeed.ContentType, Encoding.UTF8);
    }

    private static async Task<IResult> StopAsync([FromForm] string? t, HttpContext http, ApprovalLinks links, IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, problem) = links.ReadInbox(t);
        if (link is null) return Results.Redirect($"{http.Request.PathBase}/approvals/inbox", permanent: false);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Audit.Add(new AuditEntry { WorkflowInstanceId = "", Timestamp = time.GetUtcNow(), Event = StoppedEvent, Detail = Hash(t!) });
            await db.SaveChangesAsync(cancellationToken);
        }

        var text = PageTexts.Table<InboxTexts>(link.Language);
        return Render<ParticipantMessage>(new { Lang = link.Language, Title = text["calendarStopped"], Lead = text["calendarStoppedText"], LinkHref = $"inbox?t={Uri.EscapeDataString(t!)}", LinkText = text["heading"] });
    }

    /// <summary>Whether the feed of <paramref name="token"/> was stopped.</summary>
    public static async Task<bool> StoppedAsync(IDbContextFactory<WorkflowsDbContext> contexts, string token, ApprovalLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(time);
        var hash = Hash(token);
        var since = time.GetUtcNow() - links.MaxLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audit.AnyAsync(a => a.WorkflowInstanceId == "" && a.Timestamp >= since && a.Event == StoppedEvent && a.Detail == hash, cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
