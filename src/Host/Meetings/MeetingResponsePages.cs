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

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["fi"] = new()
        {
            ["heading"] = "Vastaa kokouskutsuun", ["when"] = "Aika", ["where"] = "Paikka", ["Attending"] = "Osallistun", ["NotAttending"] = "En pääse",
            ["nothingYet"] = "Mitään ei tallenneta ennen kuin painat jotakin painiketta.", ["deputyNote"] = "Jos et pääse, varajäsenellesi lähetetään kutsu.",
            ["thanks"] = "Kiitos, vastauksesi on kirjattu", ["recorded"] = "Vastauksesi", ["deputyInvited"] = "Varajäsenellesi on lähetetty kutsu.", ["change"] = "Voit muuttaa vastaustasi samalla linkillä ennen kokousta.",
            ["closed"] = "Kokous on jo pidetty tai kutsu on peruttu", ["invalid"] = "Linkki ei ole kelvollinen", ["expired"] = "Kokous on jo alkanut; vastauksia ei enää oteta vastaan.", ["current"] = "Nykyinen vastauksesi",
        },
        ["sv"] = new()
        {
            ["heading"] = "Svara på kallelsen", ["when"] = "Tid", ["where"] = "Plats", ["Attending"] = "Jag deltar", ["NotAttending"] = "Jag kan inte delta",
            ["nothingYet"] = "Inget sparas innan du trycker på en knapp.", ["deputyNote"] = "Om du inte kan delta skickas kallelsen till din ersättare.",
            ["thanks"] = "Tack, ditt svar har registrerats", ["recorded"] = "Ditt svar", ["deputyInvited"] = "Din ersättare har fått kallelsen.", ["change"] = "Du kan ändra ditt svar med samma länk före mötet.",
            ["closed"] = "Mötet har redan hållits eller kallelsen har återkallats", ["invalid"] = "Länken är inte giltig", ["expired"] = "Mötet har redan börjat; svar tas inte längre emot.", ["current"] = "Ditt nuvarande svar",
        },
        ["en"] = new()
        {
            ["heading"] = "Reply to the invitation", ["when"] = "When", ["where"] = "Where", ["Attending"] = "I will attend", ["NotAttending"] = "I cannot attend",
            ["nothingYet"] = "Nothing is recorded until you press a button.", ["deputyNote"] = "If you cannot attend, your deputy is invited.",
            ["thanks"] = "Thank you, your reply has been recorded", ["recorded"] = "Your reply", ["deputyInvited"] = "Your deputy has been invited.", ["change"] = "You can change your reply with the same link before the meeting.",
            ["closed"] = "The meeting has been held or the invitation withdrawn", ["invalid"] = "The link is not valid", ["expired"] = "The meeting has already begun; replies are no longer taken.", ["current"] = "Your current reply",
        },
    };

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
        var text = Texts[language];
        var title = problem == "expired" ? text["expired"] : text["invalid"];
        return Render<ParticipantMessage>(new { Lang = language, Title = title }, StatusCodes.Status410Gone);
    }

    private static async Task<IResult> ConfirmAsync(string? t, HttpContext http, ApprovalLinks links, WorkflowStore store, IAntiforgery antiforgery, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null || !link.SeatId.StartsWith(SeatPrefix, StringComparison.Ordinal)) return Problem(LanguageOf(http), problem ?? "invalid");
        var text = Texts[link.Language];
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
        Render<ParticipantMessage>(new { Lang = language, Title = Texts[language]["closed"] }, StatusCodes.Status409Conflict);

    private static async Task<IResult> RespondAsync([FromForm] string? t, [FromForm] string? response, HttpContext http, ApprovalLinks links, WorkflowStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (link, problem) = links.Read(t);
        if (link is null || !link.SeatId.StartsWith(SeatPrefix, StringComparison.Ordinal)) return Problem(LanguageOf(http), problem ?? "invalid");
        if (response is not (InviteToMeetings.Attending or InviteToMeetings.NotAttending))
            return Results.Problem("Choose Attending or NotAttending.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid reply");
        var text = Texts[link.Language];
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
