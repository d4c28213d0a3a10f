using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.Start</c>: marks the start of a flowchart.</summary>
public sealed class Start : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Start";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Flow", "A milestone that marks the start of a flowchart.", isStart: true);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}
