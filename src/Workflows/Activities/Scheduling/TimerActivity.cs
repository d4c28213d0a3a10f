using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

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
