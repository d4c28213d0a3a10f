using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.Sequence</c>: runs its activities one at a time in order.</summary>
public sealed class Sequence : Activity
{
    private const string CurrentIndex = "CurrentIndex";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Sequence";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Workflows", "Execute a set of activities in sequence.", isContainer: true, isBrowsable: false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => ScheduleAt(context, 0);

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        if (child.Activity.IsTerminal || child.Status != Model.ActivityStatus.Completed || Looping.Breaking.IsBreaking(context)) return context.CompleteAsync();
        var next = (context.Properties[CurrentIndex]?.GetValue<int>() ?? 0) + 1;
        return ScheduleAt(context, next);
    }

    private static ValueTask ScheduleAt(ActivityExecutionContext context, int index)
    {
        var children = context.Node.Children.Where(c => c.Port == "activities").ToList();
        if (index >= children.Count) return context.CompleteAsync();
        context.Properties[CurrentIndex] = index;
        context.ScheduleChild(children[index]);
        return ValueTask.CompletedTask;
    }
}
