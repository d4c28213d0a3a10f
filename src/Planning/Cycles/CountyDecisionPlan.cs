using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles.Files;
using static Opiskeluhuolto.Planning.Cycles.PlanDates;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// The county's decision chain of a cycle (OHL 13 a §: the council approves the plan the group prepared): an optional
/// committee, the executive board and the council, each with its meeting, the agenda deadline (14 days before, on a
/// working day), reminders 21 and 14 days before that deadline and on the working day after the meeting, and the day
/// by which the decision is to be recorded (3 working days after the meeting). The bodies and dates come from the phase's <c>decisionMeetings</c>, or from its
/// notes (the demo files: "committee 2023-11-21, board 2023-12-04, council 2023-12-18"), else the council meets on the
/// phase's deadline and the board two weeks before.
/// </summary>
public static partial class CountyDecisionPlan
{
    /// <summary>The bodies in the order they decide.</summary>
    private static readonly string[] Order = ["committee", "board", "council"];

    /// <summary>Calendar days between the agenda deadline and the meeting.</summary>
    public const int AgendaDaysBefore = 14;

    /// <summary>Working days after the meeting by which its decision is to be recorded.</summary>
    public const int RecordWithinWorkingDays = 3;

    /// <summary>Reminders to prepare the documents, calendar days before the agenda deadline.</summary>
    public static IReadOnlyList<int> AgendaReminders { get; } = [21, 14];

    private static readonly Dictionary<string, (string Fi, string Sv, string En)> Names = new(StringComparer.Ordinal)
    {
        ["committee"] = ("lautakunta", "nämnden", "committee"),
        ["board"] = ("aluehallitus", "välfärdsområdesstyrelsen", "executive board"),
        ["council"] = ("aluevaltuusto", "välfärdsområdesfullmäktige", "county council"),
    };

    /// <summary>
    /// The bodies' meetings of <paramref name="phase"/> moved by <paramref name="shiftDays"/> and then by
    /// <paramref name="moved"/> (the days the coordinator moved the phase's deadline), as the cycle input lists them.
    /// </summary>
    public static JsonArray Build(FinnishBusinessCalendar calendar, RegionPhase phase, DateOnly deadline, int shiftDays, int moved)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(phase);
        var meetings = Given(phase).Select(m => (m.Body, Date: m.Date.AddDays(shiftDays + moved))).ToList();
        if (!meetings.Any(m => m.Body == "council")) meetings = [("board", deadline.AddDays(-14)), ("council", deadline)];
        var bodies = new JsonArray();
        foreach (var (body, date) in meetings.OrderBy(m => Array.IndexOf(Order, m.Body)))
        {
            var meetingDay = calendar.NextWorkingDay(date);
            var agenda = calendar.PreviousWorkingDay(meetingDay.AddDays(-AgendaDaysBefore));
            var recordBy = calendar.AddWorkingDays(meetingDay, RecordWithinWorkingDays);
            var daysToAgenda = recordBy.DayNumber - agenda.DayNumber;
            // The day after the meeting the coordinator is reminded to record what was decided (with a fresh link).
            var afterMeeting = recordBy.DayNumber - calendar.AddWorkingDays(meetingDay, 1).DayNumber;
            var (fi, sv, en) = Names[body];
            bodies.Add(new JsonObject
            {
                ["body"] = body,
                ["name"] = new JsonObject { ["fi"] = fi, ["sv"] = sv, ["en"] = en },
                ["meetingAt"] = Iso(calendar.At(meetingDay)),
                ["meetingDay"] = meetingDay.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
                ["agendaDay"] = agenda.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
                ["agendaDeadline"] = Iso(calendar.At(agenda, CyclePlanner.DeadlineHour)),
                ["recordBy"] = Iso(calendar.At(recordBy, CyclePlanner.DeadlineHour)),
                ["reminderDaysBefore"] = new JsonArray([.. AgendaReminders.Select(d => (JsonNode)(daysToAgenda + d)), afterMeeting]),
            });
        }

        return bodies;
    }

    /// <summary>The meetings the file names: <c>decisionMeetings</c>, else dates in the notes; unknown bodies and bad dates left out.</summary>
    private static IEnumerable<(string Body, DateOnly Date)> Given(RegionPhase phase)
    {
        if (phase.DecisionMeetings is { Count: > 0 } listed)
        {
            foreach (var m in listed)
            {
                if (m.Body is { } body && Names.ContainsKey(body) && Date(m.Date) is { } date) yield return (body, date);
            }

            yield break;
        }

        foreach (Match match in NotedMeeting().Matches(phase.Notes ?? ""))
        {
            if (DateOnly.TryParseExact(match.Groups[2].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                yield return (match.Groups[1].Value.ToLowerInvariant(), date);
        }
    }

    [GeneratedRegex(@"\b(committee|board|council)\s+(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex NotedMeeting();
}
