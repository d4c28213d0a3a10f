using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.SetName</c>: sets the workflow instance name.</summary>
public sealed class SetName : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SetName";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Set the name of the workflow instance.", displayName: "Set Name",
        inputs: [Input("Value", "String", "The name to set.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.Name = context.Get<string>("Value") ?? "";
        return context.CompleteAsync();
    }
}
