using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Opiskeluhuolto.Notifications.Calendar;

/// <summary>A meeting to invite people to (kickoff, seminar, group meeting).</summary>
/// <param name="Uid">Stable id of the meeting; an update or cancellation reuses it.</param>
/// <param name="Sequence">Revision; raise it for every update or cancellation.</param>
/// <param name="Title">Summary.</param>
/// <param name="Start">Start (any offset; written in Europe/Helsinki).</param>
/// <param name="End">End.</param>
/// <param name="Location">Place or meeting link.</param>
/// <param name="Description">Agenda or notes.</param>
/// <param name="OrganizerEmail">Organizer (the coordinator).</param>
/// <param name="OrganizerName">Organizer's name.</param>
/// <param name="Attendees">Attendee e-mail addresses.</param>
/// <param name="Cancelled">A cancellation (METHOD:CANCEL) instead of a request.</param>
public sealed record MeetingInvitation(
    string Uid,
    int Sequence,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location,
    string? Description,
    string OrganizerEmail,
    string? OrganizerName,
    IReadOnlyList<string> Attendees,
    bool Cancelled = false)
{
    /// <summary>Time zone of invitations.</summary>
    public const string TimeZoneId = "Europe/Helsinki";

    /// <summary>The iCalendar method.</summary>
    public string Method => Cancelled ? "CANCEL" : "REQUEST";

    /// <summary>The MIME content type of the attachment.</summary>
    public string ContentType => $"text/calendar; method={Method}; charset=utf-8";

    /// <summary>Renders the .ics text with a VTIMEZONE for Europe/Helsinki.</summary>
    public string ToIcs()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var calendar = new Ical.Net.Calendar { Method = Method, ProductId = "-//Opiskeluhuolto//Workflows//FI" };
        calendar.AddTimeZone(new VTimeZone(TimeZoneId));
        var meeting = new CalendarEvent
        {
            Uid = Uid,
            Sequence = Sequence,
            Summary = Title,
            Location = Location,
            Description = Description,
            DtStart = new CalDateTime(TimeZoneInfo.ConvertTime(Start, zone).DateTime, TimeZoneId),
            DtEnd = new CalDateTime(TimeZoneInfo.ConvertTime(End, zone).DateTime, TimeZoneId),
            Organizer = new Organizer($"mailto:{OrganizerEmail}") { CommonName = OrganizerName },
            Status = Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        foreach (var attendee in Attendees)
            meeting.Attendees.Add(new Attendee($"mailto:{attendee}") { Rsvp = true, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION" });
        calendar.Events.Add(meeting);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
