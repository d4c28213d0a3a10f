using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

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
