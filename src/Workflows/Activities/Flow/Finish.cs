using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.Finish</c>: finishes the whole workflow at once, clearing the queue and all bookmarks.</summary>
public sealed class Finish : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Finish";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Primitives", "Mark the workflow as finished.", isTerminal: true);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.ClearAll();
        await context.CompleteAsync();
        WorkflowRunner.Finish(context.Workflow, Model.WorkflowSubStatus.Finished);
    }
}
