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
public sealed record RegionPhase(string? Id, string? Key, int? Order, string? NameFi, string? NameSv, string? NameEn, string? Start, string? Deadline,
    IReadOnlyList<int>? ReminderDaysBefore, string? ResponsibleRole, SilenceRule? OnSilence);
