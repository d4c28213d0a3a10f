using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PublicHoliday;

namespace Opiskeluhuolto.Planning.Calendar;

/// <summary>
/// Finnish working days: weekends, the public holidays (computed by the PublicHoliday library) and the de facto days
/// off Midsummer Eve and Christmas Eve are non-working. Deadlines and reminders are placed in Europe/Helsinki.
/// </summary>
public sealed class FinnishBusinessCalendar
{
    private readonly FinlandPublicHoliday _holidays = new();
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _byYear = new();

    /// <summary>Creates the calendar.</summary>
    public FinnishBusinessCalendar(IOptions<CalendarOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        ReminderHour = options.Value.ReminderHour; // 0-23, checked when the options are read
    }

    /// <summary>The calendar's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Local reminder hour.</summary>
    public int ReminderHour { get; }

    /// <summary>Whether the date is a public holiday or a de facto day off (Midsummer Eve, Christmas Eve).</summary>
    public bool IsHoliday(DateOnly date) => HolidaysOf(date.Year).Contains(date);

    /// <summary>Monday to Friday and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>The date itself if it is a working day, else the next working day (deadlines, Act 150/1930).</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>The date itself if it is a working day, else the previous working day (reminders).</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(-1);
        return date;
    }

    /// <summary>Moves by <paramref name="days"/> working days (negative goes back).</summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }

        return date;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> to <paramref name="to"/>: the working days after <paramref name="from"/>
    /// up to and including <paramref name="to"/>; negative (the working days missed) when <paramref name="to"/> is earlier.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date)) count++;
        }

        return count;
    }

    /// <summary>The local calendar date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The instant of a local date at the reminder hour (or <paramref name="hour"/>).</summary>
    public DateTimeOffset At(DateOnly date, int? hour = null)
    {
        var local = date.ToDateTime(new TimeOnly(hour ?? ReminderHour, 0));
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>"N working days before the deadline at the reminder hour".</summary>
    public DateTimeOffset WorkingDaysBefore(DateTimeOffset deadline, int workingDays) => At(AddWorkingDays(LocalDate(deadline), -workingDays));

    /// <summary>A reminder <paramref name="calendarDays"/> before the deadline, moved to the previous working day, at the reminder hour.</summary>
    public DateTimeOffset ReminderBefore(DateTimeOffset deadline, int calendarDays) => At(PreviousWorkingDay(LocalDate(deadline).AddDays(-calendarDays)));

    /// <summary>Midsummer Eve: the Friday between 19 and 25 June.</summary>
    public static DateOnly MidsummerEve(int year)
    {
        var day = new DateOnly(year, 6, 19);
        while (day.DayOfWeek != DayOfWeek.Friday) day = day.AddDays(1);
        return day;
    }

    private HashSet<DateOnly> HolidaysOf(int year) => _byYear.GetOrAdd(year, y =>
    {
        var days = _holidays.PublicHolidays(y).Select(DateOnly.FromDateTime).ToHashSet();
        days.Add(MidsummerEve(y));
        days.Add(new DateOnly(y, 12, 24));
        return days;
    });
}
