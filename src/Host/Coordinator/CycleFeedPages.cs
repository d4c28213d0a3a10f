using System.Text;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Approvals;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Notifications.Calendar;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>
/// The coordinator's calendar feed of a whole cycle (<c>.ics</c> to subscribe to): each phase's start and deadline, the
/// deadline of every open request (a moved deadline moves), and the meetings — read anew on every fetch. The address
/// carries a signed token (calendar apps cannot sign in) valid for a year; stopping the cycle's feeds on the dashboard
/// refuses every address made before (404).
/// </summary>
public static class CycleFeedPages
{
    /// <summary>The audit event that stops a cycle's feeds (recorded on the cycle).</summary>
    public const string StoppedEvent = "CycleFeedStopped";

    /// <summary>How long a feed address works.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromDays(366);

    /// <summary>Maps <c>GET /coordinator/calendar.ics</c> (anonymous: the token is the key; rate limited).</summary>
    public static void MapCycleFeedPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/coordinator/calendar.ics", FeedAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
    }

    /// <summary>A new feed address for cycle <paramref name="cycleId"/> in <paramref name="language"/>.</summary>
    public static string Address(ApprovalLinks links, PublicBaseUrl baseUrl, TimeProvider time, string cycleId, string language)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return $"{baseUrl.Get()}/coordinator/calendar.ics?t={Uri.EscapeDataString(links.Create(new CycleFeedLink(cycleId, language, now, now + Lifetime)))}";
    }

    /// <summary>Stops every feed address of the cycle made until now.</summary>
    public static async Task StopAsync(IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, string cycleId, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry { WorkflowInstanceId = cycleId, Timestamp = time.GetUtcNow(), Event = StoppedEvent, Actor = by });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IResult> FeedAsync(string? t, HttpContext http, ApprovalLinks links, CycleService cycles, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var (link, _) = links.ReadCycleFeed(t);
        var notFound = Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This calendar feed does not exist or was stopped.");
        if (link is null) return notFound;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Audit.AnyAsync(a => a.WorkflowInstanceId == link.CycleId && a.Event == StoppedEvent && a.Timestamp >= link.IssuedAt, cancellationToken)) return notFound;
        }

        if (await cycles.DashboardAsync(link.CycleId, link.Language, withRecords: false, cancellationToken) is not { } dashboard) return notFound;
        var text = (string key) => Texts.Get(link.Language, key);
        var name = dashboard.Name ?? dashboard.Id;
        var entries = new List<CalendarFeedEntry>();
        foreach (var phase in dashboard.Phases)
        {
            entries.Add(new CalendarFeedEntry($"phase-start-{dashboard.Id}-{phase.Key}@opiskeluhuolto", $"{text("feedStart")}: {phase.Name}", phase.Start, phase.Start.AddMinutes(30), null, name));
            entries.Add(new CalendarFeedEntry($"phase-deadline-{dashboard.Id}-{phase.Key}@opiskeluhuolto", $"{text("feedDeadline")}: {phase.Name}", phase.Deadline.AddMinutes(-30), phase.Deadline, null, name));
        }

        foreach (var request in dashboard.OpenRequests)
            entries.Add(new CalendarFeedEntry($"request-{request.InstanceId}-{request.RequestId}@opiskeluhuolto", $"{text("feedDeadline")}: {request.Title} ({request.Answered}/{request.Asked})", request.DueAt.AddMinutes(-30), request.DueAt, null, name));
        foreach (var meeting in dashboard.Meetings)
            entries.Add(new CalendarFeedEntry($"meeting-{dashboard.Id}-{meeting.Id}@opiskeluhuolto", meeting.Title, meeting.StartsAt, meeting.StartsAt.AddHours(2), meeting.Location, name));
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Text(new CalendarFeed(name, entries).ToIcs(), CalendarFeed.ContentType, Encoding.UTF8);
    }
}
