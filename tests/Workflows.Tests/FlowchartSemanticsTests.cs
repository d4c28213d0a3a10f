using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>The compatibility checklist's flowchart rules (WORKFLOW-FORMAT.md §8.6, §10).</summary>
public sealed class FlowchartSemanticsTests
{
    private static async Task<(EngineHost Host, RunResult Result)> RunAsync(JsonObject root, JsonArray? variables = null, JsonObject? options = null)
    {
        var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", root, variables, options));
        return (host, await host.StartAsync("wf"));
    }

    private static async Task<List<string>> StartedAsync(EngineHost host, string instanceId) =>
        (await host.JournalAsync(instanceId)).Where(r => r.EventName == "Started" && r.ActivityType != "Elsa.Flowchart" && r.ActivityType != "Elsa.Workflow").Select(r => r.ActivityId).ToList();

    [Fact]
    public async Task Decision_UntakenBranch_CommonTargetRunsOnce()
    {
        var (host, result) = await RunAsync(Chart(
            [Decision("d", "return true;"), Line("yes"), Line("no"), Line("after")],
            [Connect("d", "yes", "True"), Connect("d", "no", "False"), Connect("yes", "after"), Connect("no", "after")]));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["d", "yes", "after"], await StartedAsync(host, result.State.Id));
    }

    [Fact]
    public async Task ImplicitJoin_TwoWaitingBranches_TargetWaitsForBoth()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Event("a", "A"), Event("b", "B"), Line("after")],
            [Connect("start", "a"), Connect("start", "b"), Connect("a", "after"), Connect("b", "after")]));
        await using var _ = host;

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("A", null, workflowInstanceId: result.State.Id));
        Assert.DoesNotContain("after", await StartedAsync(host, result.State.Id));
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("B", null, workflowInstanceId: result.State.Id));

        Assert.Single(await StartedAsync(host, result.State.Id), id => id == "after");
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(result.State.Id)).SubStatus);
    }

    [Fact]
    public async Task WaitAnyJoin_FirstArrival_CancelsOtherBranchAndRunsOnce()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Event("a", "A"), Event("b", "B"), Join("join", "WaitAny"), Line("after")],
            [Connect("start", "a"), Connect("start", "b"), Connect("a", "join"), Connect("b", "join"), Connect("join", "after")]));
        await using var _ = host;

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("A", null, workflowInstanceId: result.State.Id));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
        Assert.Single(await StartedAsync(host, result.State.Id), id => id == "join");
        Assert.Contains(await host.JournalAsync(result.State.Id), r => r.ActivityId == "b" && r.EventName == "Canceled");
    }

    [Fact]
    public async Task WaitAllJoin_OneBranchNotFollowed_SkipsTarget()
    {
        var (host, result) = await RunAsync(Chart(
            [Decision("d", "return false;"), Line("yes"), Line("other"), Join("join", "WaitAll"), Line("after")],
            [Connect("d", "yes", "True"), Connect("d", "other", "False"), Connect("yes", "join"), Connect("other", "join"), Connect("join", "after")]));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        var started = await StartedAsync(host, result.State.Id);
        Assert.DoesNotContain("join", started);
        Assert.DoesNotContain("after", started);
    }

    [Fact]
    public async Task WaitAllJoin_BothFollowed_RunsAfterBoth()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Event("a", "A"), Event("b", "B"), Join("join", "WaitAll"), Line("after")],
            [Connect("start", "a"), Connect("start", "b"), Connect("a", "join"), Connect("b", "join"), Connect("join", "after")]));
        await using var _ = host;

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("B", null, workflowInstanceId: result.State.Id));
        Assert.DoesNotContain("join", await StartedAsync(host, result.State.Id));
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("A", null, workflowInstanceId: result.State.Id));

        Assert.Equal(["start", "a", "b", "join", "after"], await StartedAsync(host, result.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(result.State.Id)).SubStatus);
    }

    [Fact]
    public async Task End_CompletesFlowchart_CancelsRunningSiblings()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Event("wait", "Never"), Node("end", "Elsa.End")],
            [Connect("start", "wait"), Connect("start", "end")]));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Empty(result.Bookmarks);
        Assert.Contains(await host.JournalAsync(result.State.Id), r => r.ActivityId == "wait" && r.EventName == "Canceled");
    }

    [Fact]
    public async Task BackwardConnection_Loop_RunsUntilConditionFalse()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("init", "Elsa.Start"), Node("inc", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "n" }, ["value"] = Js("Object", "return getVariable('N') + 1;") }), Decision("more", "return getVariable('N') < 3;"), Line("done")],
            [Connect("init", "inc"), Connect("inc", "more"), Connect("more", "inc", "True"), Connect("more", "done", "False")]),
            new JsonArray(Variable("n", "N", "Int32", "0")));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(3, (await StartedAsync(host, result.State.Id)).Count(id => id == "inc"));
        Assert.Single(await StartedAsync(host, result.State.Id), id => id == "done");
    }

    [Fact]
    public async Task Fault_DefaultStrategy_FaultsWorkflowWithIncident()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Node("boom", "Elsa.Fault", new JsonObject { ["message"] = Literal("String", "Plan missing") }), Line("after")],
            [Connect("start", "boom"), Connect("boom", "after")]));
        await using var _ = host;

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        var incident = Assert.Single(result.State.Incidents);
        Assert.Equal("boom", incident.ActivityId);
        Assert.Equal("Plan missing", incident.Message);
        Assert.DoesNotContain("after", await StartedAsync(host, result.State.Id));
    }

    [Fact]
    public async Task Fault_ContinueWithIncidents_OtherBranchRunsAndInstanceStaysSuspended()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Node("boom", "Elsa.Fault", new JsonObject { ["message"] = Literal("String", "x") }), Line("other")],
            [Connect("start", "boom"), Connect("start", "other")]),
            options: new JsonObject { ["incidentStrategyType"] = "Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core" });
        await using var _ = host;

        Assert.Equal(WorkflowStatus.Running, result.State.Status);
        Assert.Equal(WorkflowSubStatus.Suspended, result.State.SubStatus);
        Assert.Contains("other", await StartedAsync(host, result.State.Id));
        Assert.Single(result.State.Incidents);
    }

    [Fact]
    public async Task Finish_InsideFlowchart_ClearsBookmarksAndFinishes()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("start", "Elsa.Start"), Event("wait", "Never"), Node("finish", "Elsa.Finish")],
            [Connect("start", "wait"), Connect("start", "finish")]));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Empty(result.State.Bookmarks);
    }

    [Fact]
    public async Task StartActivity_NoStartNode_UsesFirstWithoutInboundConnection()
    {
        var (host, result) = await RunAsync(Chart(
            [Line("second"), Line("first")],
            [Connect("first", "second")]));
        await using var _ = host;

        Assert.Equal(["first", "second"], await StartedAsync(host, result.State.Id));
    }

    [Fact]
    public async Task PortMatching_WrongCase_IsRejectedBeforeStoring()
    {
        await using var host = await EngineHost.StartAsync();
        var definition = Definition("wf", Chart([Decision("d", "return true;"), Line("lower")], [Connect("d", "lower", "true")]));

        var error = await Assert.ThrowsAsync<Management.WorkflowValidationException>(() => host.ImportAsync(definition));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("root.connections[0].source.port", problem.Path);
        Assert.Contains("'true'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("True, False", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultipleOutcomes_FireEveryMatchingConnection()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("fork", "Elsa.FlowFork", new JsonObject { ["branches"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"Legal\",\"Finance\"]" } } }), Line("legal"), Line("finance")],
            [Connect("fork", "legal", "Legal"), Connect("fork", "finance", "Finance")]));
        await using var _ = host;

        Assert.Equal(["fork", "legal", "finance"], await StartedAsync(host, result.State.Id));
    }
}
