using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.Complete</c>: completes the nearest composite (workflow-as-activity or the workflow) with the given outcomes.</summary>
public sealed class Complete : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Complete";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Composition", "Signals the current composite activity to complete itself as a whole.", isTerminal: true,
        inputs: [Descriptors.Describe.Input("Outcomes", "Object", "The outcome or list of outcomes to complete with.", uiHint: "outcome-picker", defaultSyntax: "Object")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var outcomes = context.Get("Outcomes") switch
        {
            null => ["Done"],
            string s when s.TrimStart().StartsWith('[') => Values.ValueConverter.Convert<List<string>>(s) ?? ["Done"],
            string s => [s],
            System.Collections.IEnumerable e => e.Cast<object?>().Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList(),
            var other => [Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "Done"],
        };
        // The nearest composite completes with these outcomes (cancelling what still runs inside it, this activity included).
        var composite = context.Ancestors.FirstOrDefault(a => a.Activity is Composition.WorkflowDefinitionActivity || a.Node == context.Workflow.Graph.WorkflowNode);
        if (composite is not null) await composite.CompleteAsync(outcomes);
        else await context.CompleteAsync(outcomes);
    }
}
