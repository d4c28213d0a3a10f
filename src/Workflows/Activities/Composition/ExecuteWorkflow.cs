using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Composition;

/// <summary><c>Elsa.ExecuteWorkflow</c>: starts a published workflow as a child instance (dispatched after this burst commits).</summary>
public sealed class ExecuteWorkflow : ChildWorkflowActivity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.ExecuteWorkflow";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Executes a workflow.", kind: ActivityKind.Task, inputs: CommonInputs(), outputs: [Output("Result")]);

    /// <inheritdoc />
    protected override object? ImmediateResult(string childId) => new Dictionary<string, object?> { ["workflowInstanceId"] = childId, ["status"] = "Running", ["subStatus"] = "Pending" };
}
