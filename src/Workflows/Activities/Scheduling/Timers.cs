using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

/// <summary>Shared timer behaviour: a one-shot bookmark that a scheduler resumes by id at its due time.</summary>
public abstract class TimerActivityBase : Activity
{
    /// <summary>Bookmark payload member holding the due time.</summary>
    protected abstract string DueMember { get; }

    /// <summary>Creates the timer bookmark.</summary>
    protected ValueTask WaitUntil(ActivityExecutionContext context, DateTimeOffset due, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = new JsonObject { [DueMember] = due.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };
        foreach (var (k, v) in extra ?? []) payload[k] = v?.DeepClone();
        context.CreateBookmark(payload: payload);
        return ValueTask.CompletedTask;
    }

    /// <summary>The due time of a timer bookmark.</summary>
    public static DateTimeOffset? DueTime(Bookmark bookmark)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        var text = bookmark.Payload?["ResumeAt"]?.GetValue<string>() ?? bookmark.Payload?["ExecuteAt"]?.GetValue<string>();
        return text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override IEnumerable<string> TimerBookmarkNames => [TypeName];
}

/// <summary><c>Elsa.Delay</c>: waits for a time span.</summary>
public sealed class Delay : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Delay";

    /// <inheritdoc />
    protected override string DueMember => "ResumeAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Delay execution for the specified amount of time.",
        inputs: [Input("TimeSpan", "TimeSpan", "The timespan to delay workflow execution.", defaultValue: "00:01:00")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var span = context.Get<TimeSpan?>("TimeSpan") ?? TimeSpan.FromMinutes(1);
        return WaitUntil(context, context.Workflow.Now + span);
    }
}

/// <summary><c>Elsa.Timer</c>: a recurring trigger, or a one-shot wait mid-flow.</summary>
public sealed class TimerActivity : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Timer";

    /// <inheritdoc />
    protected override string DueMember => "ResumeAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Trigger workflow execution at a specific interval.", displayName: "Timer", kind: ActivityKind.Trigger,
        inputs: [Input("Interval", "TimeSpan", "The interval at which the timer should execute.", defaultValue: "00:01:00")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow) return context.CompleteAsync();
        var interval = context.Get<TimeSpan?>("Interval") ?? TimeSpan.FromMinutes(1);
        return WaitUntil(context, context.Workflow.Now + interval);
    }

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        var interval = context.GetInput("Interval") is TimeSpan t ? t : TimeSpan.FromMinutes(1);
        yield return new TriggerPayload(TypeName, new JsonObject { ["Interval"] = interval.ToString("c", CultureInfo.InvariantCulture) });
    }
}

/// <summary><c>Elsa.StartAt</c>: waits until a point in time (a past time continues at once).</summary>
public sealed class StartAt : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.StartAt";

    /// <inheritdoc />
    protected override string DueMember => "ExecuteAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Trigger execution at a specific time in the future.", displayName: "Start At", kind: ActivityKind.Trigger,
        inputs: [Input("DateTime", "DateTimeOffset", "The timestamp at which the workflow should be triggered.", uiHint: "datetime-picker")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow) return context.CompleteAsync();
        var at = context.Get<DateTimeOffset?>("DateTime") ?? context.Workflow.Now;
        context.JournalData["Executed At"] = at.ToString("O", CultureInfo.InvariantCulture);
        return at <= context.Workflow.Now ? context.CompleteAsync() : WaitUntil(context, at);
    }

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        if (context.GetInput("DateTime") is DateTimeOffset at)
            yield return new TriggerPayload(TypeName, new JsonObject { ["ExecuteAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) });
    }
}

/// <summary><c>Elsa.Cron</c>: a cron trigger, or a wait for the next occurrence mid-flow, in the engine's time zone (<c>Engine:TimeZone</c>; Elsa uses UTC).</summary>
public sealed class Cron(WorkflowTimeZone timeZone) : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Cron";

    /// <inheritdoc />
    protected override string DueMember => "ExecuteAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Trigger workflow execution at a specific interval using a CRON expression.", kind: ActivityKind.Trigger,
        inputs: [Input("CronExpression", "String", "The CRON expression (seconds, minutes, hours, day of month, month, day of week) at which the timer should execute.")]);


    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow) return context.CompleteAsync();
        var expression = context.Get<string>("CronExpression") ?? throw new InvalidOperationException("Cron needs a cron expression.");
        var next = NextOccurrence(expression, context.Workflow.Now, timeZone.Zone) ?? throw new InvalidOperationException($"Cron expression '{expression}' has no future occurrence.");
        context.JournalData["ExecuteAt"] = next.ToString("O", CultureInfo.InvariantCulture);
        return WaitUntil(context, next, new JsonObject { ["CronExpression"] = expression });
    }

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        if (context.GetInput("CronExpression") is string expression)
            yield return new TriggerPayload(TypeName, new JsonObject { ["CronExpression"] = expression });
    }

    /// <inheritdoc />
    public override void Validate(ActivityNode node, Management.ValidationContext context)
    {
        var expression = InputExpression.FromInput(node.Get("cronExpression"));
        if (expression is not { Type: "Literal" }) return;
        if (Parse(expression.Text) is null) context.Add($"Cron expression '{expression.Text}' of activity '{node.Id}' is not valid (expected 6 fields: seconds minutes hours day-of-month month day-of-week).", "cronExpression");
    }

    /// <summary>Parses Quartz/Cronos syntax (6 fields with seconds, or 5 without); null when invalid.</summary>
    public static CronExpression? Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return fields.Length switch
            {
                6 => CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds),
                7 when fields[6] == "*" => CronExpression.Parse(string.Join(' ', fields[..6]), CronFormat.IncludeSeconds),
                5 => CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard),
                _ => null,
            };
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    /// <summary>Next occurrence after <paramref name="from"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? NextOccurrence(string expression, DateTimeOffset from, TimeZoneInfo zone) =>
        Parse(expression)?.GetNextOccurrence(from, zone);
}
