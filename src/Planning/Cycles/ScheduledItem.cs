namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>One thing the cycle will do at a known time: a phase opening, a deadline, an invitation or a reminder.</summary>
/// <param name="At">When (Helsinki time).</param>
/// <param name="Kind">PhaseStart, Deadline, Invitation, MeetingReminder, Reminder or Meeting.</param>
/// <param name="Phase">The phase key.</param>
/// <param name="Title">What it is about, in the language asked for.</param>
/// <param name="Recipients">How many people are mailed (0 for a deadline).</param>
public sealed record ScheduledItem(DateTimeOffset At, string Kind, string Phase, string Title, int Recipients)
{
    /// <summary>
    /// Why the date deserves a second look before start (<see cref="CalendarWarnings"/>): <c>july</c> (the holiday month),
    /// <c>autumnBreak</c> (week 42), <c>winterBreak</c> (weeks 8–10), <c>nonWorkingDay</c> (a meeting or deadline on a
    /// weekend or public holiday); null when nothing. A warning never stops the start.
    /// </summary>
    public string? Warning { get; init; }
}
