using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Looping;

/// <summary>
/// <c>Elsa.Break</c>: ends the nearest enclosing loop (For, ForEach, While), also from inside a fork branch. It is a
/// terminal node, so the flowchart or sequence holding it completes at once.
/// </summary>
public sealed class Break : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Break";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Break out of a loop.", isTerminal: true);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Breaking.Signal(context);
        return context.CompleteAsync();
    }
}
