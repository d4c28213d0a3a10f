using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Looping;

/// <summary>
/// <c>Elsa.While</c>: evaluates <c>Condition</c> before each iteration and runs <c>Body</c> while it is true; a
/// <see cref="Break"/> in the body ends it.
/// </summary>
public sealed class While : Activity, IBreakableLoop
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.While";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Execute an activity while a given condition evaluates to true.",
        inputs: [Input("Condition", "Boolean", "The condition to evaluate.", uiHint: "singleline", defaultValue: false, autoEvaluate: false)], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => IterateAsync(context, null);

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) => IterateAsync(context, child);

    private static async ValueTask IterateAsync(ActivityExecutionContext context, ActivityExecutionContext? completed)
    {
        var loop = !Breaking.IsBreaking(context) && await context.EvaluateInputAsync("Condition") is true;
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        if (!loop || body is null)
        {
            // Elsa keeps a While with an empty body running for ever; here it ends, as a loop with nothing to do.
            await context.CompleteAsync();
            return;
        }

        context.ScheduleChild(body, schedulingContext: completed);
    }
}
