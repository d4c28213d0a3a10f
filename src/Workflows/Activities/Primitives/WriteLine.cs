using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.WriteLine</c>: writes a line to the host's console log.</summary>
public sealed class WriteLine : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.WriteLine";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Console", "Write a line of text to the console.", displayName: "Write Line",
        inputs: [Input("Text", "String", "The text to write.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.Effects.Add(new WriteLineEffect(context.Workflow.InstanceId, context.Get<string>("Text") ?? ""));
        return context.CompleteAsync();
    }
}
