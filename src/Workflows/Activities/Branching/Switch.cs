using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Branching;

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
