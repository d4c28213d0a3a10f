using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.Fork</c>: runs all branches; WaitAll or WaitAny; a branch that breaks out of a loop completes it at once.</summary>
public sealed class Fork : Activity
{
    private const string CompletedProperty = "Completed";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Fork";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Branches", EmbeddedPortShape.Many)];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Control Flow", "Branch execution into multiple branches.", isBrowsable: false,
        inputs: [Input("JoinMode", "String", "Wait for all or any branch.", defaultValue: "WaitAll", options: ["WaitAll", "WaitAny"], wrapped: false)], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Node.Children.Where(c => c.Port == "Branches").ToList();
        if (branches.Count == 0) return context.CompleteAsync();
        foreach (var branch in branches) context.ScheduleChild(branch);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        if (Looping.Breaking.IsBreaking(context)) return context.CompleteAsync();
        var waitAny = string.Equals(ActivityJson.GetString(context.Node.Json, "joinMode"), "WaitAny", StringComparison.OrdinalIgnoreCase);
        var completed = (context.Properties[CompletedProperty]?.GetValue<int>() ?? 0) + 1;
        context.Properties[CompletedProperty] = completed;
        var total = context.Node.Children.Count(c => c.Port == "Branches");
        return waitAny || completed >= total ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
}
