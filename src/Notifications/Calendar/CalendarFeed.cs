using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Opiskeluhuolto.Notifications.Calendar;

/// <summary>One entry of a subscribed calendar: a deadline or a meeting.</summary>
/// <param name="Uid">Stable id, so a moved deadline updates the same entry.</param>
/// <param name="Title">Summary.</param>
/// <param name="Start">Start.</param>
/// <param name="End">End.</param>
/// <param name="Location">Place or link.</param>
/// <param name="Description">Details.</param>
public sealed record CalendarFeedEntry(string Uid, string Title, DateTimeOffset Start, DateTimeOffset End, string? Location = null, string? Description = null);

/// <summary>A subscribable calendar (<c>.ics</c>, METHOD:PUBLISH) in Europe/Helsinki with its VTIMEZONE, as the invitations.</summary>
public sealed record CalendarFeed(string Name, IReadOnlyList<CalendarFeedEntry> Entries)
{
    /// <summary>The MIME type.</summary>
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Renders the feed.</summary>
    public string ToIcs()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(MeetingInvitation.TimeZoneId);
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = "-//Opiskeluhuolto//Workflows//FI" };
        calendar.AddProperty("X-WR-CALNAME", Name);
        calendar.AddProperty("X-WR-TIMEZONE", MeetingInvitation.TimeZoneId);
        calendar.AddTimeZone(new VTimeZone(MeetingInvitation.TimeZoneId));
        foreach (var entry in Entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                Summary = entry.Title,
                Location = entry.Location,
                Description = entry.Description,
                DtStart = new CalDateTime(TimeZoneInfo.ConvertTime(entry.Start, zone).DateTime, MeetingInvitation.TimeZoneId),
                DtEnd = new CalDateTime(TimeZoneInfo.ConvertTime(entry.End, zone).DateTime, MeetingInvitation.TimeZoneId),
                Status = "CONFIRMED",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
