using Opiskeluhuolto.Workflows.Activities.Descriptors;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Composition;

/// <summary><c>Elsa.DispatchWorkflow</c>: dispatches a published workflow in the background.</summary>
public sealed class DispatchWorkflow : ChildWorkflowActivity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.DispatchWorkflow";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Create a new workflow instance of the specified workflow and dispatch it for execution.",
        inputs: [.. CommonInputs(), Input("StartNewTrace", "Boolean", "Start a new trace."), Input("ChannelName", "String", "The channel to dispatch on.")], outputs: [Output("Result")]);
}
