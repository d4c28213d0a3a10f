using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Host.Approvals;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Host.Approvals.Pages;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Host.Meetings.Pages;
using static Opiskeluhuolto.Host.Approvals.ApprovalPages;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

namespace Opiskeluhuolto.Host.Meetings;

/// <summary>
/// Replies to a meeting invitation from the links in the mail: a GET only shows the meeting and the two buttons
/// (mail scanners open links), the antiforgery-protected POST records the reply. A member who cannot come has their
/// deputy invited. The link is signed, bound to the meeting and the person, and expires when the meeting starts.
/// </summary>
public static class MeetingResponsePages
{
    /// <summary>Prefix of the link's seat field for meeting replies (<c>rsvp:&lt;meeting id&gt;</c>).</summary>
    public const string SeatPrefix = "rsvp:";

    /// <summary>Maps the pages (anonymous, rate limited).</summary>
    public static void MapMeetingResponsePages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/meetings/respond", ConfirmAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
        app.MapPost("/meetings/respond", RespondAsync).AllowAnonymous().RequireRateLimiting("links").ExcludeFromDescription();
    }

    private static async Task<(MeetingState Meeting, bool Open)?> FindAsync(WorkflowStore store, ApprovalLink link, CancellationToken cancellationToken)
    {
        if (!link.SeatId.StartsWith(SeatPrefix, StringComparison.Ordinal) || await store.LoadAsync(link.InstanceId, cancellationToken) is not { } loaded) return null;
        var meetingId = link.SeatId[SeatPrefix.Length..];
        foreach (var context in loaded.State.ActivityExecutionContexts.Where(c => c.Properties["Meetings"] is not null))
        {
            var series = context.Properties["Meetings"]!.Deserialize<MeetingSeriesState>(WorkflowJson.Options)!;
            if (series.Meetings.FirstOrDefault(m => m.Id == meetingId) is { } meeting) return (meeting, loaded.State.Status == WorkflowStatus.Running && !meeting.Held);
        }

        return null;
    }

    private static IResult Problem(string language, string problem)
    {
        var text = PageTexts.Table<MeetingTexts>(language);
        var title = problem == "expired" ? text["expired"] : text["invalid"];
        return Render<ParticipantMessage>(new { Lang = language, Title = title }, StatusCodes.Status410Gone);
    }

    private static async Task<IResult> ConfirmAsync(string? t, HttpContext http, ApprovalLinks links, WorkflowStore store, IAntiforgery antiforgery, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null || !link.SeatId.StartsWith(SeatPrefix, StringComparison.Ordinal)) return Problem(LanguageOf(http), problem ?? "invalid");
        var text = PageTexts.Table<MeetingTexts>(link.Language);
        if (await FindAsync(store, link, cancellationToken) is not { Open: true } found) return Closed(link.Language);
        var meeting = found.Meeting;
        var key = link.Email.Trim().ToLowerInvariant();
        return Render<MeetingResponsePage>(new
        {
            Lang = link.Language, Text = text, Token = t!, Tokens = antiforgery.GetAndStoreTokens(http),
            MeetingTitle = meeting.Title.GetValueOrDefault(link.Language) ?? meeting.Title.GetValueOrDefault("fi") ?? meeting.Id,
            When = LocalTime.DateTime(meeting.StartsAt, calendar.TimeZone, link.Language),
            meeting.Location, Current = meeting.Responses.GetValueOrDefault(key), HasDeputy = meeting.Deputies.ContainsKey(key),
            Order = link.Decision == InviteToMeetings.NotAttending ? new[] { InviteToMeetings.NotAttending, InviteToMeetings.Attending } : [InviteToMeetings.Attending, InviteToMeetings.NotAttending],
        });
    }

    private static IResult Closed(string language) =>
        Render<ParticipantMessage>(new { Lang = language, Title = PageTexts.Table<MeetingTexts>(language)["closed"] }, StatusCodes.Status409Conflict);

    private static async Task<IResult> RespondAsync([FromForm] string? t, [FromForm] string? response, HttpContext http, ApprovalLinks links, WorkflowStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null || !link.SeatId.StartsWith(SeatPrefix, StringComparison.Ordinal)) return Problem(LanguageOf(http), problem ?? "invalid");
        if (response is not (InviteToMeetings.Attending or InviteToMeetings.NotAttending))
            return Results.Problem("Choose Attending or NotAttending.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid reply");
        var text = PageTexts.Table<MeetingTexts>(link.Language);
        var meetingId = link.SeatId[SeatPrefix.Length..];
        var hash = StimulusHasher.Hash(InviteToMeetings.ResponseStimulus, InviteToMeetings.ResponsePayload(meetingId));
        var input = new Dictionary<string, object?> { [InviteToMeetings.ResponseKey] = response, [InviteToMeetings.ResponseByKey] = link.Email };
        var affected = await runtime.DeliverAsync(new Stimulus(hash, input, null, link.InstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
        var found = await FindAsync(store, link, cancellationToken);
        if (affected.Count == 0 || found is not { Open: true } f) return Closed(link.Language);
        var deputyInvited = response == InviteToMeetings.NotAttending && f.Meeting.DeputiesInvited.Contains(link.Email.Trim().ToLowerInvariant());
        return Render<ParticipantMessage>(new
        {
            Lang = link.Language, Title = text["thanks"], RecordedLabel = text["recorded"], RecordedValue = text[response],
            More = deputyInvited ? text["deputyInvited"] : null, Help = text["change"],
        });
    }
}
