using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// The real path of the autumn burst: one parent's <c>Elsa.BulkDispatchWorkflows</c> hands <c>count</c> children to the
/// outbox, and the background rounds start them (claim, first burst, delete: three commits per child) until every child
/// waits. Ceiling: the same child started directly by <see cref="WorkflowRuntime.StartAsync"/> (one commit each) in the
/// same run.
/// </summary>
internal static class BulkDispatch
{
    private const string Child = """
        {
          "id": "bench-child-v1", "definitionId": "bench-child", "name": "Bench: child", "version": 1, "isPublished": true,
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [ { "id": "wait", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "never" } } } ],
            "connections": [] }
        }
        """;

    private static string Parent(int count) => $$"""
        {
          "id": "bench-parent-v1", "definitionId": "bench-parent", "name": "Bench: parent", "version": 1, "isPublished": true,
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [ { "id": "bulk", "type": "Elsa.BulkDispatchWorkflows", "version": 1,
              "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "bench-child" } },
              "items": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "return Array.from({ length: {{count}} }, (_, i) => ({ Item: i }));" } },
              "waitForCompletion": { "typeName": "Boolean", "expression": { "type": "Literal", "value": false } } } ],
            "connections": [] }
        }
        """;

    public static async Task<IReadOnlyList<Metric>> RunAsync(int count)
    {
        await using var engine = await BenchEngine.CreateAsync();
        var child = await engine.PublishAsync(Child);
        var parent = await engine.PublishAsync(Parent(count));
        var runtime = engine.Services.GetRequiredService<WorkflowRuntime>();
        var background = engine.Services.GetRequiredService<WorkflowBackgroundService>();
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();

        var direct = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await runtime.StartAsync(child, new StartWorkflowRequest());
        var ceiling = count / direct.Elapsed.TotalSeconds;

        var clock = Stopwatch.StartNew();
        await runtime.StartAsync(parent, new StartWorkflowRequest());
        while (true)
        {
            await background.RunRoundAsync();
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.WorkflowInstances.CountAsync(x => x.DefinitionId == "bench-child" && x.SubStatus == "Suspended") >= 2 * count) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new InvalidOperationException("The dispatched children did not all start in 10 minutes.");
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        return [new Metric("bulk-dispatch-children", rate, "children/s", "info (ceiling: direct starts)", ceiling, true)];
    }
}
