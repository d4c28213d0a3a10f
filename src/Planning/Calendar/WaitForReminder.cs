using System.Globalization;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Activities;

namespace Opiskeluhuolto.Planning.Calendar;

/// <summary>
/// <c>Opiskeluhuolto.WaitForReminder</c>: waits until a reminder point before (or after) a deadline on the Finnish
/// business calendar — <i>N working days before</i>, or <i>N calendar days before, moved to the previous working day</i> —
/// at the local reminder hour. A point already in the past continues at once.
/// </summary>
public sealed class WaitForReminder(FinnishBusinessCalendar calendar) : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.WaitForReminder";

    /// <inheritdoc />
    protected override string DueMember => "ExecuteAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Waits until a reminder point before a deadline, on Finnish working days at the local reminder hour.",
        displayName: "Wait for reminder",
        inputs:
        [
            Input("Deadline", "DateTimeOffset", "The deadline.", uiHint: "datetime-picker"),
            Input("Days", "Int32", "How many days before the deadline (negative: after).", defaultValue: 7),
            Input("WorkingDays", "Boolean", "Count working days (on) or calendar days moved to the previous working day (off).", defaultValue: false),
            Input("Hour", "Int32", "Local hour; empty uses the configured reminder hour."),
        ],
        outputs: [Output("RemindAt", "DateTimeOffset", "When the reminder was due.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var deadline = context.Get<DateTimeOffset?>("Deadline") ?? throw new InvalidOperationException("Wait for reminder needs a deadline.");
        var days = context.Get<int?>("Days") ?? 7;
        var local = calendar.LocalDate(deadline);
        var date = context.Get<bool?>("WorkingDays") == true ? calendar.AddWorkingDays(local, -days) : calendar.PreviousWorkingDay(local.AddDays(-days));
        var at = calendar.At(date, context.Get<int?>("Hour"));
        context.SetOutput("RemindAt", at);
        context.JournalData["RemindAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        return at <= context.Workflow.Now ? context.CompleteAsync() : WaitUntil(context, at);
    }
}
