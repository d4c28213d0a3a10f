using System.Globalization;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Calendar;

/// <summary>
/// JavaScript helpers over the Finnish business calendar. Dates are ISO strings; results are ISO instants in UTC.
/// <c>isWorkingDay(date)</c>, <c>nextWorkingDay(date)</c>, <c>addWorkingDays(date, n)</c>,
/// <c>workingDaysBefore(deadline, n)</c>, <c>reminderBefore(deadline, calendarDays)</c>, <c>isPast(instant)</c>,
/// <c>workflowNow()</c> (the engine's clock, in Helsinki time), <c>localDay(instant)</c> (d.M.yyyy in Helsinki) and
/// <c>sameTimeOn(date, instant)</c> (the date at the instant's Helsinki time of day).
/// </summary>
public sealed class CalendarScriptFunctions(FinnishBusinessCalendar calendar) : IScriptFunctions
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions => field ??=
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>>
        {
            ["isWorkingDay"] = (_, a) => calendar.IsWorkingDay(calendar.LocalDate(Instant(a, 0))),
            ["nextWorkingDay"] = (_, a) => Iso(calendar.At(calendar.NextWorkingDay(calendar.LocalDate(Instant(a, 0))))),
            ["addWorkingDays"] = (_, a) => Iso(calendar.At(calendar.AddWorkingDays(calendar.LocalDate(Instant(a, 0)), Int(a, 1)))),
            ["workingDaysBefore"] = (_, a) => Iso(calendar.WorkingDaysBefore(Instant(a, 0), Int(a, 1))),
            ["reminderBefore"] = (_, a) => Iso(calendar.ReminderBefore(Instant(a, 0), Int(a, 1))),
            ["isPast"] = (ctx, a) => Instant(a, 0) <= ctx.Workflow.Now,
            ["workflowNow"] = (ctx, _) => Iso(TimeZoneInfo.ConvertTime(ctx.Workflow.Now, calendar.TimeZone)),
            ["localDay"] = (_, a) => calendar.LocalDate(Instant(a, 0)).ToString("d.M.yyyy", CultureInfo.InvariantCulture),
            ["sameTimeOn"] = (_, a) => Iso(SameTimeOn(a)),
        };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Declarations { get; } = new Dictionary<string, string>
    {
        ["isWorkingDay"] = "(date: string): boolean",
        ["nextWorkingDay"] = "(date: string): string",
        ["addWorkingDays"] = "(date: string, days: number): string",
        ["workingDaysBefore"] = "(deadline: string, days: number): string",
        ["reminderBefore"] = "(deadline: string, calendarDays: number): string",
        ["isPast"] = "(instant: string): boolean",
        ["workflowNow"] = "(): string",
        ["localDay"] = "(instant: string): string",
        ["sameTimeOn"] = "(date: string, instant: string): string",
    };

    /// <summary>The day <c>a[0]</c> (yyyy-MM-dd) at the Helsinki wall-clock time of instant <c>a[1]</c> (a meeting moved to another day keeps its hour).</summary>
    private DateTimeOffset SameTimeOn(object?[] a)
    {
        if (a.Length < 1 || a[0] is not string text || !DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ExpressionException("sameTimeOn takes a date ('2025-06-20') and an instant whose time of day it keeps.");
        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(Instant(a, 1), calendar.TimeZone).DateTime);
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }

    private DateTimeOffset Instant(object?[] args, int index)
    {
        if (args.Length <= index || args[index] is not string text) throw new ExpressionException("Calendar functions take an ISO date ('2025-06-20' or '2025-06-20T12:00:00+03:00').");
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return calendar.At(date, 12);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new ExpressionException($"'{text}' is not an ISO date.");
    }

    private static int Int(object?[] args, int index) => args.Length > index && args[index] is long or double
        ? Convert.ToInt32(args[index], CultureInfo.InvariantCulture)
        : throw new ExpressionException("The second argument must be a number of days.");

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
