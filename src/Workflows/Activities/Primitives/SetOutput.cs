using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.SetOutput</c>: sets an output of the enclosing composite, else of the workflow.</summary>
public sealed class SetOutput : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SetOutput";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Assigns a value to an output of the workflow or composite activity.", displayName: "Set Output",
        inputs: [Input("OutputName", "String", "The name of the output to assign.", uiHint: "output-picker"), Input("OutputValue", "Object", "The value to assign.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get<string>("OutputName") ?? throw new InvalidOperationException("Set Output needs an output name.");
        var value = context.Get("OutputValue");
        var composite = context.Ancestors.FirstOrDefault(a => a.Activity is Composition.WorkflowDefinitionActivity);
        if (composite?.Node.CompositeDefinition?.Outputs.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)) == true)
            composite.SetOutput(name, value);
        else
            context.Workflow.Output[name] = value;
        return context.CompleteAsync();
    }
}
