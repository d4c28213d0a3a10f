using Opiskeluhuolto.Workflows.Activities.Descriptors;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.Workflow</c>: the implicit root; declares the workflow variables and runs the definition's root.</summary>
public sealed class WorkflowActivity : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Workflow";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Workflows", "A workflow.", "Workflow", isBrowsable: false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(Runtime.ActivityExecutionContext context)
    {
        var root = context.Node.Children.FirstOrDefault();
        if (root is null) return context.CompleteAsync();
        context.ScheduleChild(root);
        return ValueTask.CompletedTask;
    }
}
