using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.FlowSwitch</c>: outcomes are the labels of the matching cases, or <c>Default</c>.</summary>
public sealed class FlowSwitch : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowSwitch";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Evaluate a set of case conditions and schedule the activity for a matching case.", displayName: "Switch (flow)",
        inputs: [Input("Cases", "Object", "The cases to evaluate.", uiHint: "flow-switch-editor", wrapped: false), Input("Mode", "String", "Match the first or any case.", defaultValue: "MatchFirst", options: ["MatchFirst", "MatchAny"], wrapped: false)]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matches = await SwitchCases.MatchAsync(context);
        await context.CompleteAsync(matches.Count > 0 ? matches.Select(m => m.Label).ToList() : ["Default"]);
    }
}
