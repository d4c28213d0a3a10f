using System.Collections;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
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

/// <summary><c>Elsa.Switch</c>: schedules the activity of the matching case(s) or <c>default</c>.</summary>
public sealed class Switch : Activity
{
    private const string PendingProperty = "PendingCases";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Switch";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Cases", EmbeddedPortShape.Cases), new("Default")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Evaluate a set of case conditions and schedule the activity for a matching case.",
        inputs: [Input("Cases", "Object", "The cases to evaluate.", uiHint: "switch-editor", wrapped: false), Input("Mode", "String", "Match the first or any case.", defaultValue: "MatchFirst", options: ["MatchFirst", "MatchAny"], wrapped: false)],
        embedded: [new("Default")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matches = await SwitchCases.MatchAsync(context);
        var cases = context.Node.Children.Where(c => c.Port == "Cases").ToList();
        var targets = matches.Select(m => m.Activity).OfType<JsonObject>().Select(json => cases.FirstOrDefault(c => c.Json == json)).OfType<ActivityNode>().ToList();
        if (matches.Count == 0 && context.Node.Children.FirstOrDefault(c => c.Port == "Default") is { } fallback) targets.Add(fallback);
        if (targets.Count == 0)
        {
            await context.CompleteAsync();
            return;
        }

        context.Properties[PendingProperty] = targets.Count;
        foreach (var target in targets) context.ScheduleChild(target);
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        var pending = (context.Properties[PendingProperty]?.GetValue<int>() ?? 1) - 1;
        context.Properties[PendingProperty] = pending;
        return pending <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
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

/// <summary><c>Elsa.FlowFork</c>: completes with every branch name as an outcome.</summary>
public sealed class FlowFork : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowFork";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Branching", "Branch execution into multiple branches.", displayName: "Fork (flow)",
        inputs: [Input("Branches", "List<String>", "A list of expected outcomes to handle.", uiHint: "dynamic-outcomes", defaultSyntax: "Object")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Get<List<string>>("Branches");
        return context.CompleteAsync(branches is { Count: > 0 } ? branches : ["Done"]);
    }
}

/// <summary><c>Elsa.Fork</c>: runs all branches; WaitAll or WaitAny.</summary>
public sealed class Fork : Activity
{
    private const string CompletedProperty = "Completed";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Fork";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Branches", EmbeddedPortShape.Many)];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Control Flow", "Branch execution into multiple branches.", isBrowsable: false,
        inputs: [Input("JoinMode", "String", "Wait for all or any branch.", defaultValue: "WaitAll", options: ["WaitAll", "WaitAny"], wrapped: false)], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Node.Children.Where(c => c.Port == "Branches").ToList();
        if (branches.Count == 0) return context.CompleteAsync();
        foreach (var branch in branches) context.ScheduleChild(branch);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        var waitAny = string.Equals(ActivityJson.GetString(context.Node.Json, "joinMode"), "WaitAny", StringComparison.OrdinalIgnoreCase);
        var completed = (context.Properties[CompletedProperty]?.GetValue<int>() ?? 0) + 1;
        context.Properties[CompletedProperty] = completed;
        var total = context.Node.Children.Count(c => c.Port == "Branches");
        return waitAny || completed >= total ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
}

/// <summary><c>Elsa.ForEach</c>: runs <c>body</c> once per item, sequentially.</summary>
public sealed class ForEach : Activity
{
    private const string CurrentIndexProperty = "CurrentIndex";

    /// <inheritdoc />
    public override string TypeName => "Elsa.ForEach";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Looping", "Iterate over a set of values.", displayName: "For Each",
        inputs: [Input("Items", "List<Object>", "The set of values to iterate.", defaultSyntax: "JavaScript")], outputs: [Output("CurrentValue")], embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => RunIterationAsync(context, 0);

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) =>
        RunIterationAsync(context, (context.Properties[CurrentIndexProperty]?.GetValue<int>() ?? 0) + 1);

    private static ValueTask RunIterationAsync(ActivityExecutionContext context, int index)
    {
        var items = context.Get("Items") is IEnumerable e and not string ? e.Cast<object?>().ToList() : [];
        if (index >= items.Count) return context.CompleteAsync();
        context.Properties[CurrentIndexProperty] = index;
        var value = items[index];
        context.SetOutput("CurrentValue", value);
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        if (body is null) return context.CompleteAsync();
        var indexSlot = new VariableSlot(context.Workflow.Services.NewId(), "CurrentIndex", typeof(int), null, isDynamic: true);
        indexSlot.Set(index);
        var valueSlot = new VariableSlot(context.Workflow.Services.NewId(), "CurrentValue", null, null, isDynamic: true);
        valueSlot.Set(value);
        context.ScheduleChild(body, variables: [indexSlot, valueSlot], tag: index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ValueTask.CompletedTask;
    }
}
