using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.FlowFork</c>: completes with every branch name as an outcome.</summary>
public sealed class FlowFork : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowFork";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Branch execution into multiple branches.", displayName: "Fork (flow)",
        inputs: [Input("Branches", "List<String>", "A list of expected outcomes to handle.", uiHint: "dynamic-outcomes", defaultSyntax: "Object")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Get<List<string>>("Branches");
        return context.CompleteAsync(branches is { Count: > 0 } ? branches : ["Done"]);
    }
}
