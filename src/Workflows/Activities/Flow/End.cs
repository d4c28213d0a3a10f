using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.End</c>: terminal; completes the enclosing flowchart and cancels its other branches.</summary>
public sealed class End : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.End";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Flow", "A milestone that marks the end of a flowchart.", isTerminal: true);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}
