using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Looping;

/// <summary>
/// <c>Elsa.For</c>: counts from <c>Start</c> to <c>End</c> by <c>Step</c> (a negative step counts down; the end is
/// included unless <c>OuterBoundInclusive</c> is false), runs <c>Body</c> per value with the variable
/// <c>CurrentValue</c>, and sets the output <c>CurrentValue</c>. A <see cref="Break"/> in the body ends it.
/// </summary>
public sealed class For : Activity, IBreakableLoop
{
    private const string CurrentStepProperty = "CurrentStep";

    /// <inheritdoc />
    public override string TypeName => "Elsa.For";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Iterate over a sequence of steps between a start and an end number.",
        inputs:
        [
            Input("Start", "Int32", "The start step.", defaultValue: 0),
            Input("End", "Int32", "The end step.", defaultValue: 0),
            Input("Step", "Int32", "The step size. To count down, enter a negative number.", defaultValue: 1),
            Input("OuterBoundInclusive", "Boolean", "Controls whether the end step is upper/lowerbound inclusive or exclusive. True (inclusive) by default.", defaultValue: true),
        ],
        outputs: [Output("CurrentValue")], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => IterateAsync(context, null);

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) => IterateAsync(context, child);

    private static ValueTask IterateAsync(ActivityExecutionContext context, ActivityExecutionContext? completed)
    {
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        var start = context.Get<int?>("Start") ?? 0;
        var end = context.Get<int?>("End") ?? 0;
        var step = context.Get<int?>("Step") ?? 1;
        var inclusive = context.Get<bool?>("OuterBoundInclusive") ?? true;
        var previous = context.Properties[CurrentStepProperty] is JsonValue v && v.TryGetValue<int>(out var p) ? p : (int?)null;
        var current = previous is null ? start : previous.Value + step;
        var inRange = step >= 0
            ? inclusive ? current <= end : current < end
            : inclusive ? current >= end : current > end;
        if (body is null || Breaking.IsBreaking(context) || !inRange) return context.CompleteAsync();

        context.Properties[CurrentStepProperty] = current;
        context.SetOutput("CurrentValue", current);
        var slot = new VariableSlot(context.Workflow.Services.NewId(), "CurrentValue", null, null, isDynamic: true);
        slot.Set(current);
        context.ScheduleChild(body, variables: [slot], schedulingContext: completed);
        return ValueTask.CompletedTask;
    }
}
