using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>What one activity did when run on its own (the Studio's Test tab).</summary>
/// <param name="Record">Its execution record: evaluated inputs, payload, outputs, exception, status.</param>
/// <param name="Outcomes">The outcomes it completed with.</param>
/// <param name="Journal">The journal of the run.</param>
/// <param name="Effects">What it would have done outside the engine (mail, dispatches, events): listed, never performed.</param>
/// <param name="NotRun">Why the activity was not run (it would act outside the service), or null.</param>
public sealed record ActivityTestResult(ActivityExecutionRecord? Record, IReadOnlyList<string> Outcomes, IReadOnlyList<ExecutionLogRecord> Journal, IReadOnlyList<WorkflowEffect> Effects, string? NotRun);

/// <summary>Runs one activity of a (draft or stored) definition in a throw-away instance: nothing is stored, nothing is sent.</summary>
public sealed class ActivityTester(WorkflowGraphCache graphs, Activities.ActivityRegistry registry, Expressions.IExpressionEvaluator expressions, TimeProvider timeProvider, Microsoft.Extensions.Logging.ILogger<ActivityTester> logger)
{
    // Activities that act during their own execution, not through the outbox after a commit.
    private static readonly HashSet<string> ActsDirectly = new(StringComparer.Ordinal) { "Elsa.FlowSendHttpRequest", "Elsa.SendHttpRequest" };

    /// <summary>Runs the node with id or node id <paramref name="activity"/>; null when the definition has no such node.</summary>
    public async Task<ActivityTestResult?> RunAsync(WorkflowDefinition definition, string activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var graph = graphs.Build(definition);
        if ((graph.FindByNodeId(activity) ?? graph.FindById(activity)) is not { } node) return null;
        if (ActsDirectly.Contains(node.Type))
            return new ActivityTestResult(null, [], [], [], $"'{node.Id}' ({node.Type}) would send a request outside the service; a test run does not send it.");
        var workflow = WorkflowExecutionContext.CreateForActivityTest(graph, new WorkflowExecutionServices(registry, expressions, timeProvider, logger), node);
        await WorkflowRunner.RunAsync(workflow, cancellationToken);
        var context = workflow.Contexts.LastOrDefault(c => c.Node == node);
        var record = workflow.ActivityRecords.LastOrDefault(r => r.ActivityNodeId == node.NodeId);
        return new ActivityTestResult(record, context?.Outcomes ?? [], workflow.ExecutionLog, workflow.Effects, null);
    }
}
