using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary>
/// <c>Elsa.StateMachine</c>: named <c>states</c> (each with an optional <c>entry</c> and <c>exit</c> activity) and
/// <c>transitions</c> (<c>from</c>, <c>to</c>, a <c>trigger</c> activity, an optional <c>condition</c> and
/// <c>action</c>). Entering a state runs its entry, then arms the triggers of its outbound transitions. The first
/// trigger that completes with a true condition wins: the other triggers are cancelled, then the action, the source
/// state's exit and the target state's entry run. A trigger whose condition is false is armed again. The machine
/// completes when it enters a state without outbound transitions (or an unknown one).
/// </summary>
public sealed class StateMachine : Activity
{
    private const string CurrentStateProperty = "CurrentState";
    private const string EnteringTag = "Entering";

    /// <inheritdoc />
    public override string TypeName => "Elsa.StateMachine";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } =
        [new("States", EmbeddedPortShape.Cases, ["entry", "exit"]), new("Transitions", EmbeddedPortShape.Cases, ["trigger", "action"])];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Flow", "Executes a state machine made of named states and trigger-driven transitions.", displayName: "State Machine");

    /// <summary>The state the machine is in (null before it starts).</summary>
    public static string? CurrentState(ActivityExecutionContext context) =>
        context?.Properties[CurrentStateProperty] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var initial = CurrentState(context) ?? ActivityJson.GetString(context.Node.Json, "currentState") ?? ActivityJson.GetString(context.Node.Json, "initialState");
        context.Properties[CurrentStateProperty] = initial;
        return EnterAsync(context, null);
    }

    /// <inheritdoc />
    public override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        var machine = Read(context.Node);
        var current = CurrentState(context);
        if (child.Tag == EnteringTag)
        {
            if (machine.FindState(current)?.Entry == child.Node.Json) await ArmTriggersAsync(context, machine, child);
            return;
        }

        if (machine.FindByKey(child.Tag) is not { } transition || transition.From != current || machine.FindState(transition.To) is null) return;
        if (child.Node.Json == transition.Trigger)
        {
            if (transition.Condition is { } condition && await context.EvaluateAsync(condition, typeof(bool?)) is not true)
            {
                Schedule(context, transition.Trigger, transition.Key, child);
                return;
            }

            foreach (var competing in context.Children.Where(c => c != child && !c.IsCompleted && machine.IsTriggerFrom(c.Node.Json, transition.From)).ToList())
                await competing.CancelAsync();
            if (transition.Action is not null)
            {
                Schedule(context, transition.Action, transition.Key, child);
                return;
            }

            await ExitAsync(context, machine, transition, child);
        }
        else if (child.Node.Json == transition.Action)
        {
            await ExitAsync(context, machine, transition, child);
        }
        else if (child.Node.Json == machine.FindState(transition.From)?.Exit)
        {
            context.Properties[CurrentStateProperty] = transition.To;
            await EnterAsync(context, child);
        }
    }

    private static async ValueTask ExitAsync(ActivityExecutionContext context, Machine machine, Transition transition, ActivityExecutionContext scheduler)
    {
        if (machine.FindState(transition.From)?.Exit is { } exit)
        {
            Schedule(context, exit, transition.Key, scheduler);
            return;
        }

        context.Properties[CurrentStateProperty] = transition.To;
        await EnterAsync(context, scheduler);
    }

    private static async ValueTask EnterAsync(ActivityExecutionContext context, ActivityExecutionContext? scheduler)
    {
        var machine = Read(context.Node);
        if (machine.FindState(CurrentState(context)) is not { } state)
        {
            await context.CompleteAsync();
            return;
        }

        if (state.Entry is not null)
        {
            Schedule(context, state.Entry, EnteringTag, scheduler);
            return;
        }

        await ArmTriggersAsync(context, machine, scheduler);
    }

    private static async ValueTask ArmTriggersAsync(ActivityExecutionContext context, Machine machine, ActivityExecutionContext? scheduler)
    {
        var current = CurrentState(context);
        var outbound = machine.Transitions.Where(t => t.From == current && t.Trigger is not null && machine.FindState(t.To) is not null).ToList();
        if (outbound.Count == 0)
        {
            await context.CompleteAsync();
            return;
        }

        foreach (var transition in outbound) Schedule(context, transition.Trigger!, transition.Key, scheduler);
    }

    private static void Schedule(ActivityExecutionContext context, JsonObject activity, string tag, ActivityExecutionContext? scheduler)
    {
        var node = context.Node.Children.First(c => c.Json == activity);
        context.ScheduleChild(node, tag: tag, schedulingContext: scheduler);
    }

    private static Machine Read(ActivityNode node)
    {
        var states = (node.Get("states") as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => new State(ActivityJson.GetString(s, "name") ?? "", ActivityJson.Get(s, "entry") as JsonObject, ActivityJson.Get(s, "exit") as JsonObject))
            .ToList();
        var transitions = (node.Get("transitions") as JsonArray ?? []).OfType<JsonObject>()
            .Select((t, i) =>
            {
                var from = ActivityJson.GetString(t, "from") ?? "";
                var to = ActivityJson.GetString(t, "to") ?? "";
                var name = ActivityJson.GetString(t, "name");
                var key = i.ToString(CultureInfo.InvariantCulture) + ":" + (string.IsNullOrWhiteSpace(name) ? $"{from}->{to}" : name);
                return new Transition(key, from, to, ActivityJson.Get(t, "trigger") as JsonObject, InputExpression.FromInput(ActivityJson.Get(t, "condition")), ActivityJson.Get(t, "action") as JsonObject);
            })
            .ToList();
        return new Machine(states, transitions);
    }

    private sealed record State(string Name, JsonObject? Entry, JsonObject? Exit);

    private sealed record Transition(string Key, string From, string To, JsonObject? Trigger, InputExpression? Condition, JsonObject? Action);

    private sealed record Machine(IReadOnlyList<State> States, IReadOnlyList<Transition> Transitions)
    {
        public State? FindState(string? name) => string.IsNullOrWhiteSpace(name) ? null : States.FirstOrDefault(s => s.Name == name);

        public Transition? FindByKey(string? key) => key is null ? null : Transitions.FirstOrDefault(t => t.Key == key);

        public bool IsTriggerFrom(JsonObject activity, string state) => Transitions.Any(t => t.From == state && t.Trigger == activity);
    }
}
