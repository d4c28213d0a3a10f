namespace Opiskeluhuolto.Planning.Calendar;

/// <summary>Settings of the business calendar (<c>Calendar:*</c>).</summary>
public sealed class CalendarOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Calendar";

    /// <summary>IANA time zone of deadlines and reminders.</summary>
    public string TimeZone { get; set; } = "Europe/Helsinki";

    /// <summary>Local hour at which reminders are sent.</summary>
    public int ReminderHour { get; set; } = 9;
}
