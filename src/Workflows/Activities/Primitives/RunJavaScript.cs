using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary>
/// <c>Elsa.RunJavaScript</c>: runs its <c>Script</c> (the code itself, not evaluated beforehand) with Elsa's globals
/// plus <c>setOutcome(name)</c> and <c>setOutcomes([...])</c>; the script's value becomes <c>Result</c>, and it
/// completes with the outcomes it set, or <c>Done</c>.
/// </summary>
public sealed class RunJavaScript : Activity
{
    /// <summary>Key of the outcome list the script's <c>setOutcome</c>/<c>setOutcomes</c> fill (read by the JavaScript language).</summary>
    public const string OutcomesKey = "ScriptOutcomes";

    /// <inheritdoc />
    public override string TypeName => "Elsa.RunJavaScript";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scripting", "Executes JavaScript code.", displayName: "Run JavaScript",
        inputs:
        [
            Input("Script", "String", "The script to run.", uiHint: "code-editor", defaultSyntax: "JavaScript", autoEvaluate: false),
            Input("PossibleOutcomes", "List<String>", "Possible outcomes the script may set with setOutcome().", uiHint: "dynamic-outcomes", defaultSyntax: "Object"),
        ],
        outputs: [Output("Result", "Object")], outcomes: ["Done"]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = InputExpression.FromInput(context.Node.Get("script"))?.Text;
        var outcomes = new List<string>();
        if (!string.IsNullOrWhiteSpace(code))
        {
            context.Transient[OutcomesKey] = outcomes;
            try
            {
                var result = await context.Workflow.Services.Expressions.EvaluateAsync(new InputExpression("JavaScript", code), typeof(object), context, CancellationToken.None);
                context.SetOutput("Result", result);
            }
            finally
            {
                context.Transient.Remove(OutcomesKey);
            }
        }

        await context.CompleteAsync(outcomes.Count > 0 ? outcomes : ["Done"]);
    }
}
