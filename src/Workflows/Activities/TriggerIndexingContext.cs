using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>What a trigger activity may read while being indexed.</summary>
public sealed class TriggerIndexingContext(ActivityNode node, Func<string, object?> evaluateInput)
{
    /// <summary>The node.</summary>
    public ActivityNode Node { get; } = node;

    /// <summary>Evaluates an input without a running workflow (literals and simple scripts).</summary>
    public object? GetInput(string name) => evaluateInput(name);
}
