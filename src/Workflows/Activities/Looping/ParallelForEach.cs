using System.Collections;
using System.Globalization;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Looping;

/// <summary>
/// <c>Elsa.ParallelForEach</c>: schedules <c>Body</c> once per item at the same time, each with its own variables
/// <c>CurrentValue</c> and <c>CurrentIndex</c>, and completes when every one has completed.
/// </summary>
public sealed class ParallelForEach : Activity
{
    private const string PendingProperty = "Pending";

    /// <inheritdoc />
    public override string TypeName => "Elsa.ParallelForEach";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Schedule an activity for each item in parallel.", displayName: "Parallel For Each",
        inputs: [Input("Items", "Object", "The items to iterate through.", defaultSyntax: "JavaScript")], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = context.Get("Items") is IEnumerable e and not string ? e.Cast<object?>().ToList() : [];
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        if (items.Count == 0 || body is null) return context.CompleteAsync();
        context.Properties[PendingProperty] = items.Count;
        for (var index = 0; index < items.Count; index++)
        {
            var value = new VariableSlot(context.Workflow.Services.NewId(), "CurrentValue", null, null, isDynamic: true);
            value.Set(items[index]);
            var position = new VariableSlot(context.Workflow.Services.NewId(), "CurrentIndex", typeof(int), null, isDynamic: true);
            position.Set(index);
            context.ScheduleChild(body, variables: [value, position], tag: index.ToString(CultureInfo.InvariantCulture));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        var pending = (context.Properties[PendingProperty]?.GetValue<int>() ?? 1) - 1;
        context.Properties[PendingProperty] = pending;
        return pending <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
}
