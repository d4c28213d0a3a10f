using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.Correlate</c>: sets the instance correlation id.</summary>
public sealed class Correlate : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Correlate";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Set the CorrelationId of the workflow to a given value.",
        inputs: [Input("CorrelationId", "String", "An expression that evaluates to the value to store as the correlation id.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.CorrelationId = context.Get<string>("CorrelationId");
        return context.CompleteAsync();
    }
}
