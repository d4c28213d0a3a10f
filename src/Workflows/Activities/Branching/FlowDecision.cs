using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

/// <summary><c>Elsa.FlowDecision</c>: outcome True or False.</summary>
public sealed class FlowDecision : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowDecision";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Performs a boolean condition and returns an outcome based on the result.", displayName: "Decision",
        outcomes: ["True", "False"], inputs: [Input("Condition", "Boolean", "The condition to evaluate.", uiHint: "singleline", defaultValue: false, defaultSyntax: "JavaScript")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        context.CompleteAsync([context.Get<bool?>("Condition") == true ? "True" : "False"]);
}

/// <summary>Case evaluation shared by the two switches.</summary>
internal static class SwitchCases
{
    public static async ValueTask<List<(string Label, JsonNode? Activity)>> MatchAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(ActivityJson.GetString(context.Node.Json, "mode") ?? InputExpression.FromInput(context.Node.Get("mode"))?.Text, "MatchAny", StringComparison.OrdinalIgnoreCase);
        var result = new List<(string, JsonNode?)>();
        if (context.Node.Get("cases") is not JsonArray cases) return result;
        foreach (var c in cases.OfType<JsonObject>())
        {
            var expression = InputExpression.FromExpression(ActivityJson.Get(c, "condition"));
            if (expression is null) continue;
            var matched = await context.EvaluateAsync(expression, typeof(bool?));
            if (matched is not true) continue;
            result.Add((ActivityJson.GetString(c, "label") ?? "", ActivityJson.Get(c, "activity")));
            if (!matchAny) break;
        }

        return result;
    }
}
