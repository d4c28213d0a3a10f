using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class CompositeActivityTests
{
    private static async Task<(EngineHost Host, RunResult Result)> RunAsync(JsonObject root, JsonArray? variables = null)
    {
        var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", root, variables));
        return (host, await host.StartAsync("wf"));
    }

    private static async Task<List<string>> LinesAsync(EngineHost host, string instanceId) =>
        (await host.JournalAsync(instanceId)).Where(r => r.ActivityType == "Elsa.WriteLine" && r.EventName == "Completed").Select(r => r.ActivityId).ToList();

    private static JsonObject Sequence(params JsonObject[] activities) => new()
    {
        ["id"] = "seq",
        ["type"] = "Elsa.Sequence",
        ["version"] = 1,
        ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
    };

    [Fact]
    public async Task Sequence_RunsInOrderAndStopsAtEnd()
    {
        var (host, result) = await RunAsync(Sequence(Line("one"), Line("two"), Node("end", "Elsa.End"), Line("three")));
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["one", "two"], await LinesAsync(host, result.State.Id));
    }

    [Fact]
    public async Task If_RunsThenBranch_AndCompletes()
    {
        var (host, result) = await RunAsync(Sequence(
            Node("if", "Elsa.If", new JsonObject { ["condition"] = Js("Boolean", "return 2 > 1;"), ["then"] = Line("then"), ["else"] = Line("else") }),
            Line("after")));
        await using var _ = host;

        Assert.Equal(["then", "after"], await LinesAsync(host, result.State.Id));
    }

    [Fact]
    public async Task Switch_MatchFirst_RunsFirstMatchingCase()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "small", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return false;" }, ["activity"] = Line("small") },
            new JsonObject { ["label"] = "big", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return true;" }, ["activity"] = Line("big") },
            new JsonObject { ["label"] = "also", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return true;" }, ["activity"] = Line("also") });
        var (host, result) = await RunAsync(Sequence(Node("switch", "Elsa.Switch", new JsonObject { ["cases"] = cases, ["default"] = Line("default") }), Line("after")));
        await using var _ = host;

        Assert.Equal(["big", "after"], await LinesAsync(host, result.State.Id));
    }

    [Fact]
    public async Task FlowSwitch_NoMatch_TakesDefaultPort()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "fi", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return false;" } });
        var (host, result) = await RunAsync(Chart(
            [Node("switch", "Elsa.FlowSwitch", new JsonObject { ["cases"] = cases }), Line("fi"), Line("other")],
            [Connect("switch", "fi", "fi"), Connect("switch", "other", "Default")]));
        await using var _ = host;

        Assert.Equal(["other"], await LinesAsync(host, result.State.Id));
    }

    [Fact]
    public async Task ForEach_RunsBodyPerItemWithCurrentValue()
    {
        var body = Node("say", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "log" }, ["value"] = Js("Object", "return (getVariable('Log') || '') + getVariable('CurrentValue') + getVariable('CurrentIndex');") });
        var (host, result) = await RunAsync(Sequence(
            Node("each", "Elsa.ForEach", new JsonObject { ["items"] = Js("List<Object>", "return ['a', 'b', 'c'];"), ["body"] = body }),
            Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Log"), ["outputValue"] = Js("Object", "return getLog();") })),
            new JsonArray(Variable("log", "Log", "String")));
        await using var _ = host;

        Assert.Equal("a0b1c2", result.State.Output["Log"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fork_WaitAny_CompletesOnFirstBranchAndCancelsOthers()
    {
        var (host, result) = await RunAsync(Sequence(
            Node("fork", "Elsa.Fork", new JsonObject { ["joinMode"] = "WaitAny", ["branches"] = new JsonArray(Event("a", "A"), Event("b", "B")) }),
            Line("after")));
        await using var _ = host;
        Assert.Equal(2, result.Bookmarks.Count);

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("B", null));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
        Assert.Equal(["after"], await LinesAsync(host, result.State.Id));
    }

    [Fact]
    public async Task WorkflowAsActivity_PassesInputsAndChoosesOutcome()
    {
        await using var host = await EngineHost.StartAsync();
        var child = new JsonObject
        {
            ["id"] = "child-v1", ["definitionId"] = "child", ["name"] = "Check Plan", ["version"] = 1, ["isPublished"] = true,
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "Score", ["type"] = "Int32" }),
            ["outputs"] = new JsonArray(new JsonObject { ["name"] = "Verdict", ["type"] = "String" }),
            ["outcomes"] = new JsonArray("Good", "Bad"),
            ["options"] = new JsonObject { ["usableAsActivity"] = true },
            ["root"] = Chart(
                [Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Verdict"), ["outputValue"] = Js("Object", "return 'score ' + getInput('Score');") }),
                 Node("done", "Elsa.Complete", new JsonObject { ["outcomes"] = Js("Object", "return getInput('Score') > 5 ? 'Good' : 'Bad';") })],
                [Connect("o", "done")], "childflow"),
        };
        await host.ImportAsync(child.ToJsonString());
        var use = Node("check", "CheckPlan", new JsonObject
        {
            ["score"] = Literal("Int32", 7),
            ["verdict"] = new JsonObject { ["typeName"] = "String", ["memoryReference"] = new JsonObject { ["id"] = "v" } },
        });
        await host.ImportAsync(Definition("parent", Chart(
            [use, Node("good", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Result"), ["outputValue"] = Js("Object", "return 'good: ' + getVerdict();") }), Line("bad")],
            [Connect("check", "good", "Good"), Connect("check", "bad", "Bad")]),
            new JsonArray(Variable("v", "Verdict", "String"))));

        var result = await host.StartAsync("parent");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        var journal = string.Join("\n", (await host.JournalAsync(result.State.Id)).Select(r => $"{r.ActivityId} {r.EventName} {r.Message} {r.Payload?.ToJsonString()}"));
        Assert.True(result.State.Output.ContainsKey("Result"), journal);
        Assert.Equal("good: score 7", result.State.Output["Result"]!.GetValue<string>());
    }

    [Fact]
    public async Task DispatchWorkflow_WaitForCompletion_ResumesWithChildOutput()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("child", Chart([Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Answer"), ["outputValue"] = Literal("Object", "42") })], [])));
        var dispatch = Node("d", "Elsa.DispatchWorkflow", new JsonObject
        {
            ["workflowDefinitionId"] = Literal("String", "child"),
            ["waitForCompletion"] = Literal("Boolean", true),
            ["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "r" } },
        });
        await host.ImportAsync(Definition("parent", Chart(
            [dispatch, Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "FromChild"), ["outputValue"] = Js("Object", "return getChildResult().Answer;") })],
            [Connect("d", "o")]),
            new JsonArray(Variable("r", "ChildResult", "Object"))));
        var started = await host.StartAsync("parent");
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);

        await host.Background.RunRoundAsync();
        await host.Background.RunRoundAsync();

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("42", state.Output["FromChild"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoBulkDispatches_WaitingAtOnce_EachCountsOnlyItsOwnChildren()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("fast", Chart([Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Done"), ["outputValue"] = Literal("Object", "yes") })], [])));
        await host.ImportAsync(Definition("slow", Chart([Node("wait", "Elsa.Event", new JsonObject { ["eventName"] = Literal("String", "go") })], [])));
        JsonObject Bulk(string id, string definition, string items) => Node(id, "Elsa.BulkDispatchWorkflows", new JsonObject
        {
            ["workflowDefinitionId"] = Literal("String", definition),
            ["items"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = items } },
            ["waitForCompletion"] = Literal("Boolean", true),
        });
        await host.ImportAsync(Definition("parent", Chart(
            [
                Node("fork", "Elsa.FlowFork", new JsonObject { ["branches"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"A\",\"B\"]" } } }),
                Bulk("many", "fast", "[1,2,3]"), Bulk("one", "slow", "[1]"),
                Node("join", "Elsa.FlowJoin", new JsonObject { ["mode"] = Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "WaitAll") }),
                Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "All"), ["outputValue"] = Literal("Object", "done") }),
            ],
            [Connect("fork", "many", "A"), Connect("fork", "one", "B"), Connect("many", "join"), Connect("one", "join"), Connect("join", "o")])));
        var started = await host.StartAsync("parent");

        // Three quick children finish; the slow one still waits, so the parent must too (their reports are not the slow one's).
        for (var i = 0; i < 4; i++) await host.Background.RunRoundAsync();
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(started.State.Id)).SubStatus);

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null));
        for (var i = 0; i < 3; i++) await host.Background.RunRoundAsync();
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("done", state.Output["All"]!.GetValue<string>());
    }

    [Fact]
    public async Task WorkflowAsActivity_InputsSurviveAWaitAndReload()
    {
        await using var host = await EngineHost.StartAsync();
        var child = new JsonObject
        {
            ["id"] = "kid-v1", ["definitionId"] = "kid", ["name"] = "Read Cycle", ["version"] = 1, ["isPublished"] = true,
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "Cycle", ["type"] = "Object" }),
            ["options"] = new JsonObject { ["usableAsActivity"] = true },
            ["root"] = Chart(
                [Node("wait", "Elsa.Event", new JsonObject { ["eventName"] = Literal("String", "go") }),
                 Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Label"), ["outputValue"] = Js("Object", "return getInput('Cycle').phases['a'].start;") })],
                [Connect("wait", "o")], "kidflow"),
        };
        await host.ImportAsync(child.ToJsonString());
        await host.ImportAsync(Definition("mom", Chart([Node("read", "ReadCycle", new JsonObject { ["cycle"] = Js("Object", "return getInput('Cycle');") })], []),
            inputs: new JsonArray(new JsonObject { ["name"] = "Cycle", ["type"] = "Object" })));

        var started = await host.StartAsync("mom", new Dictionary<string, object?> { ["Cycle"] = Values.DynamicJson.FromNode(JsonNode.Parse("""{"phases":{"a":{"start":"2023-02-20"}}}""")) });
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null));

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Incidents);
    }
}
