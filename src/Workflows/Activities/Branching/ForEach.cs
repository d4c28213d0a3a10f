using System.Collections;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.ForEach</c>: runs <c>body</c> once per item, sequentially; a <see cref="Looping.Break"/> in the body ends it.</summary>
public sealed class ForEach : Activity, Looping.IBreakableLoop
{
    private const string CurrentIndexProperty = "CurrentIndex";

    /// <inheritdoc />
    public override string TypeName => "Elsa.ForEach";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Iterate over a set of values.", displayName: "For Each",
        inputs: [Input("Items", "List<Object>", "The set of values to iterate.", defaultSyntax: "JavaScript")], outputs: [Output("CurrentValue")], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => RunIterationAsync(context, 0);

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) =>
        RunIterationAsync(context, (context.Properties[CurrentIndexProperty]?.GetValue<int>() ?? 0) + 1);

    private static ValueTask RunIterationAsync(ActivityExecutionContext context, int index)
    {
        var items = context.Get("Items") is IEnumerable e and not string ? e.Cast<object?>().ToList() : [];
        if (index >= items.Count || Looping.Breaking.IsBreaking(context)) return context.CompleteAsync();
        context.Properties[CurrentIndexProperty] = index;
        var value = items[index];
        context.SetOutput("CurrentValue", value);
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        if (body is null) return context.CompleteAsync();
        var indexSlot = new VariableSlot(context.Workflow.Services.NewId(), "CurrentIndex", typeof(int), null, isDynamic: true);
        indexSlot.Set(index);
        var valueSlot = new VariableSlot(context.Workflow.Services.NewId(), "CurrentValue", null, null, isDynamic: true);
        valueSlot.Set(value);
        context.ScheduleChild(body, variables: [indexSlot, valueSlot], tag: index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ValueTask.CompletedTask;
    }
}
