using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.FlowJoin</c>: the join logic lives in the flowchart; when it runs it cancels still-running inbound branches.</summary>
public sealed class FlowJoin : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowJoin";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Branching", "Merge multiple branches into a single branch of execution.", displayName: "Join",
        inputs: [Descriptors.Describe.Input("Mode", "FlowJoinMode", "Either 'wait all' or 'wait any'.", defaultValue: "WaitAny", options: ["WaitAll", "WaitAllActive", "WaitAny"])]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Parent is { Activity: Flowchart } flowchart)
            await Flowchart.CancelAncestorsAsync(flowchart, Flowchart.GraphOf(flowchart), context.Node);
        await context.CompleteAsync();
    }
}
