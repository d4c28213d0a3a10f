using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

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
