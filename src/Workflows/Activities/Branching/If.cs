using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.If</c>: runs the <c>then</c> or <c>else</c> port, then completes Done.</summary>
public sealed class If : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.If";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Then"), new("Else")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Evaluate a Boolean condition to determine which activity to execute next.",
        inputs: [Input("Condition", "Boolean", "The condition to evaluate.", uiHint: "singleline", defaultValue: false, defaultSyntax: "JavaScript")],
        outputs: [Output("Result", "Boolean")], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var condition = context.Get<bool?>("Condition") == true;
        context.SetOutput("Result", condition);
        var branch = context.Node.Children.FirstOrDefault(c => c.Port == (condition ? "Then" : "Else"));
        if (branch is null) return context.CompleteAsync();
        context.ScheduleChild(branch);
        return ValueTask.CompletedTask;
    }
}
