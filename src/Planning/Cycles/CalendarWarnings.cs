using System.Globalization;
using Opiskeluhuolto.Planning.Calendar;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// Dates a coordinator should see before a cycle starts: mail that would go out in July, when most people are on
/// holiday; meetings and deadlines in the schools' autumn break (week 42) or winter breaks (weeks 8–10, by region);
/// meetings and deadlines on a weekend or a public holiday. Reminders are already moved to working days, so only the
/// dates the file fixes are checked for those.
/// </summary>
public static class CalendarWarnings
{
    /// <summary>ISO weeks of the schools' winter breaks (they vary by region between these).</summary>
    public static IReadOnlyList<int> WinterBreakWeeks { get; } = [8, 9, 10];

    /// <summary>ISO week of the schools' autumn break in most municipalities.</summary>
    public const int AutumnBreakWeek = 42;

    /// <summary>The warning of one scheduled item, or null.</summary>
    public static string? Of(ScheduledItem item, FinnishBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.LocalDate(item.At);
        var mails = item.Recipients > 0;
        var fixedDate = item.Kind is "Meeting" or "Deadline" or "DecisionMeeting" or "AgendaDeadline";
        if (fixedDate && !calendar.IsWorkingDay(day)) return "nonWorkingDay";
        if (mails && day.Month == 7) return "july";
        if (!fixedDate && !mails) return null;
        var week = ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue));
        if (week == AutumnBreakWeek) return "autumnBreak";
        if (WinterBreakWeeks.Contains(week)) return "winterBreak";
        return null;
    }
}
