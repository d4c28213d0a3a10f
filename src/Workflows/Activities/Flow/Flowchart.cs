using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary>
/// <c>Elsa.Flowchart</c> in Elsa's default counter-based mode: implicit WaitAllActive joins, dead-path elimination,
/// FlowJoin WaitAll/WaitAny, terminal nodes, and completion when no work is pending and no child faulted.
/// </summary>
public sealed class Flowchart : Activity
{
    private const string ScopeProperty = "FlowScope";
    private const string BackwardConnectionInput = "BackwardConnection";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Flowchart";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Flow", "A flowchart is a collection of activities and connections between them.", isContainer: true, isBrowsable: false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var graph = GetGraph(context);
        if (graph.Start is null) return context.CompleteAsync();
        context.ScheduleChild(graph.Start);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        if (child.Status != ActivityStatus.Completed) return;
        if (child.Activity.IsTerminal)
        {
            await context.CompleteAsync();
            return;
        }

        var graph = GetGraph(context);
        var scope = context.GetProperty<FlowScope>(ScopeProperty) ?? new FlowScope();
        var backward = child.ActivityInput[BackwardConnectionInput]?.GetValue<bool>() == true;
        var scheduled = await PropagateAsync(context, graph, scope, child.Node, child.Outcomes, child, backward);
        context.SetProperty(ScopeProperty, scope);
        if (!scheduled) await CompleteIfNoPendingWorkAsync(context);
    }

    /// <inheritdoc />
    public override async ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child)
    {
        await CompleteIfNoPendingWorkAsync(context);
        if (context.Status != ActivityStatus.Running) return;
        var graph = GetGraph(context);
        var scope = context.GetProperty<FlowScope>(ScopeProperty) ?? new FlowScope();
        await PropagateAsync(context, graph, scope, child.Node, [], child, backward: false);
        context.SetProperty(ScopeProperty, scope);
    }

    /// <summary>The start activity: trigger of this run, first Elsa.Start, first canStartWorkflow, first without inbound connection, first child.</summary>
    public static ActivityNode? FindStart(ActivityExecutionContext context, IReadOnlyList<ActivityNode> activities, IReadOnlyList<FlowConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(activities);
        if (context.Workflow.TriggerActivityId is { } triggerId && !context.Workflow.TriggerConsumed && activities.FirstOrDefault(a => a.Id == triggerId) is { } trigger)
            return trigger;
        return activities.FirstOrDefault(a => a.Type == "Elsa.Start")
            ?? activities.FirstOrDefault(a => a.CanStartWorkflow)
            ?? activities.FirstOrDefault(a => connections.All(c => c.Target != a))
            ?? activities.FirstOrDefault();
    }

    private static FlowGraph GetGraph(ActivityExecutionContext context)
    {
        if (context.Transient.TryGetValue(nameof(FlowGraph), out var cached) && cached is FlowGraph g) return g;
        var graphs = Graphs.GetValue(context.Node, node => new FlowGraphs(node));
        var graph = graphs.From(FindStart(context, graphs.Plain.Activities, graphs.Plain.Connections));
        context.Transient[nameof(FlowGraph)] = graph;
        return graph;
    }

    /// <summary>
    /// The graphs of each flowchart node of a loaded definition, by start activity: a graph depends only on the node's
    /// activities and connections and the start, so every instance of the definition shares it (it was rebuilt per burst).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActivityNode, FlowGraphs> Graphs = [];

    private sealed class FlowGraphs(ActivityNode flowchart)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ActivityNode, FlowGraph> _byStart = new();

        /// <summary>The graph without a start: the node's activities and connections, which choose the start.</summary>
        public FlowGraph Plain { get; } = new(flowchart, null);

        public FlowGraph From(ActivityNode? start) => start is null ? Plain : _byStart.GetOrAdd(start, s => new FlowGraph(flowchart, s));
    }

    private static async ValueTask CompleteIfNoPendingWorkAsync(ActivityExecutionContext context)
    {
        if (context.Status != ActivityStatus.Running) return;
        if (context.HasPendingWork()) return;
        if (context.Children.Any(c => c.Status == ActivityStatus.Faulted)) return;
        await context.CompleteAsync();
    }

    private static async ValueTask<bool> PropagateAsync(ActivityExecutionContext flowchart, FlowGraph graph, FlowScope scope, ActivityNode node, IReadOnlyList<string> outcomes, ActivityExecutionContext? completed, bool backward)
    {
        if (graph.IsDangling(node)) throw new InvalidOperationException($"Activity {node.Id} is not reachable from the start of flowchart {flowchart.Node.Id}.");
        if (!backward) scope.VisitActivity(node.Id);
        var scheduled = false;
        foreach (var connection in graph.Outbound(node).ToList())
        {
            var followed = outcomes.Contains(connection.SourcePort, StringComparer.Ordinal);
            scope.VisitConnection(connection, followed);
            var target = connection.Target;
            if (graph.IsBackward(connection))
            {
                if (!followed) continue;
                if (!graph.IsValidBackward(connection))
                    throw new InvalidOperationException($"Invalid backward connection: every path from '{connection.Source.Id}' must go through '{target.Id}' when tracing back to the start.");
                flowchart.ScheduleChild(target, new JsonObject { [BackwardConnectionInput] = true }, schedulingContext: completed);
                scheduled = true;
                continue;
            }

            var inbound = graph.ForwardInbound(target).ToList();
            switch (await JoinModeAsync(flowchart, target))
            {
                case FlowJoinMode.WaitAll:
                    if (!inbound.All(scope.IsVisited)) break;
                    scheduled |= inbound.All(scope.IsFollowed)
                        ? Schedule(flowchart, target, completed)
                        : await PropagateAsync(flowchart, graph, scope, target, [], completed, false);
                    break;
                case FlowJoinMode.WaitAllActive:
                    if (!inbound.All(scope.IsVisited)) break;
                    scheduled |= inbound.Any(scope.IsFollowed)
                        ? Schedule(flowchart, target, completed)
                        : await PropagateAsync(flowchart, graph, scope, target, [], completed, false);
                    break;
                case FlowJoinMode.WaitAny:
                    if (scope.ShouldIgnore(connection) || flowchart.Workflow.IsQueued(target, flowchart)) break;
                    if (inbound.Any(scope.IsFollowed))
                    {
                        scheduled |= Schedule(flowchart, target, completed);
                        await CancelAncestorsAsync(flowchart, graph, target);
                    }
                    else if (inbound.All(scope.IsVisited))
                    {
                        scheduled |= await PropagateAsync(flowchart, graph, scope, target, [], completed, false);
                    }

                    break;
            }
        }

        return scheduled;
    }

    private static bool Schedule(ActivityExecutionContext flowchart, ActivityNode target, ActivityExecutionContext? completed)
    {
        flowchart.ScheduleChild(target, schedulingContext: completed);
        return true;
    }

    /// <summary>Cancels running contexts of the target's ancestors in this flowchart (WaitAny and FlowJoin).</summary>
    internal static async ValueTask CancelAncestorsAsync(ActivityExecutionContext flowchart, FlowGraph graph, ActivityNode target)
    {
        var ancestors = graph.Ancestors(target);
        foreach (var child in flowchart.Children.Where(c => c.Status == ActivityStatus.Running && ancestors.Contains(c.Node)).ToList())
            await child.CancelAsync();
    }

    /// <summary>The graph of the flowchart owning a child context.</summary>
    internal static FlowGraph GraphOf(ActivityExecutionContext flowchart) => GetGraph(flowchart);

    private static async ValueTask<FlowJoinMode> JoinModeAsync(ActivityExecutionContext flowchart, ActivityNode target)
    {
        if (target.Type != "Elsa.FlowJoin") return FlowJoinMode.WaitAllActive;
        var expression = InputExpression.FromInput(target.Get("mode"));
        if (expression is null) return FlowJoinMode.WaitAny;
        var value = await flowchart.EvaluateAsync(expression, typeof(FlowJoinMode?));
        return value is FlowJoinMode mode ? mode : FlowJoinMode.WaitAny;
    }
}
