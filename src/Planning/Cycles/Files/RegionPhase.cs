namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A phase of the cycle with its dates.</summary>
/// <param name="Id">Phase id (meetings name it).</param>
/// <param name="Key">Phase key (nominations, consultation…).</param>
/// <param name="Order">Order in the cycle.</param>
/// <param name="NameFi">Finnish name.</param>
/// <param name="NameSv">Swedish name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Start">Start date (yyyy-MM-dd).</param>
/// <param name="Deadline">Deadline date (yyyy-MM-dd).</param>
/// <param name="ReminderDaysBefore">Calendar days before the deadline when reminders go out.</param>
/// <param name="ResponsibleRole">Who answers for the phase.</param>
/// <param name="OnSilence">What happens when nobody answers.</param>
/// <param name="Notes">Free notes (the demo files name the county bodies' meeting dates here).</param>
/// <param name="DecisionMeetings">The county bodies that decide in this phase, with their meeting dates.</param>
public sealed record RegionPhase(string? Id, string? Key, int? Order, string? NameFi, string? NameSv, string? NameEn, string? Start, string? Deadline,
    IReadOnlyList<int>? ReminderDaysBefore, string? ResponsibleRole, SilenceRule? OnSilence, string? Notes = null, IReadOnlyList<DecisionMeeting>? DecisionMeetings = null);

/// <summary>A county body's meeting that decides on the plan.</summary>
/// <param name="Body">committee, board or council.</param>
/// <param name="Date">Meeting date (yyyy-MM-dd).</param>
public sealed record DecisionMeeting(string? Body, string? Date);
