using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>
/// While, For, ForEach, Break and ParallelForEach, with the scenarios and results of elsa-core's integration tests
/// (Activities/Break, Activities/ForEach, Scenarios/BlockingAndBreaking) rebuilt as workflow JSON.
/// </summary>
public sealed class LoopingActivityTests
{
    internal static async Task<(EngineHost Host, RunResult Result)> RunAsync(JsonObject root, JsonArray? variables = null)
    {
        var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", root, variables));
        return (host, await host.StartAsync("wf"));
    }

    /// <summary>The texts the WriteLine activities wrote, in order.</summary>
    internal static async Task<List<string>> TextsAsync(EngineHost host, string instanceId) =>
        (await host.JournalAsync(instanceId)).Where(r => r.ActivityType == "Elsa.WriteLine" && r.EventName == "Completed")
            .OrderBy(r => r.Sequence).Select(r => r.ActivityState?["text"]?.GetValue<string>() ?? "").ToList();

    internal static JsonObject Seq(string id, params JsonObject[] activities) => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Sequence",
        ["version"] = 1,
        ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
    };

    internal static JsonObject Say(string id, string script) => Node(id, "Elsa.WriteLine", new JsonObject { ["text"] = Js("String", script) });

    private static JsonObject BreakIf(string id, string condition) =>
        Node(id, "Elsa.If", new JsonObject { ["condition"] = Js("Boolean", condition), ["then"] = Node(id + "-break", "Elsa.Break") });

    private static JsonObject Output(string variableId) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variableId } };

    [Fact]
    public async Task Break_ExitsForEachLoop()
    {
        var (host, result) = await RunAsync(Seq("root",
            Line("start", "Start"),
            Node("each", "Elsa.ForEach", new JsonObject
            {
                ["items"] = Js("List<Object>", "return ['C#', 'Rust', 'Go'];"),
                ["currentValue"] = Output("item"),
                ["body"] = Seq("body", BreakIf("if", "return getCurrentItem() == 'Rust';"), Say("say", "return getCurrentItem();")),
            }),
            Line("end", "End")), new JsonArray(Variable("item", "CurrentItem", "String")));
        await using var _ = host;

        Assert.Equal(["Start", "C#", "End"], await TextsAsync(host, result.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public async Task Break_ExitsOnlyTheImmediateLoop_InNestedForEach()
    {
        var inner = Node("inner", "Elsa.ForEach", new JsonObject
        {
            ["items"] = Js("List<Object>", "return ['Classes', 'Functions', 'Modules'];"),
            ["currentValue"] = Output("in"),
            ["body"] = Seq("inner-body", BreakIf("if", "return getCurrentInnerItem() == 'Functions';"), Say("say-inner", "return getCurrentInnerItem();")),
        });
        var (host, result) = await RunAsync(Node("outer", "Elsa.ForEach", new JsonObject
        {
            ["items"] = Js("List<Object>", "return ['C#', 'Rust', 'Go'];"),
            ["currentValue"] = Output("out"),
            ["body"] = Seq("outer-body", Say("say-outer", "return getCurrentOuterItem();"), inner),
        }), new JsonArray(Variable("out", "CurrentOuterItem", "String"), Variable("in", "CurrentInnerItem", "String")));
        await using var _ = host;

        Assert.Equal(["C#", "Classes", "Rust", "Classes", "Go", "Classes"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task Break_ExitsForLoop()
    {
        var (host, result) = await RunAsync(Seq("root",
            Line("start", "Start"),
            Node("for", "Elsa.For", new JsonObject
            {
                ["start"] = Literal("Int32", 0),
                ["end"] = Literal("Int32", 3),
                ["step"] = Literal("Int32", 1),
                ["currentValue"] = Output("cur"),
                ["body"] = Seq("body", BreakIf("if", "return getCurrentValue() == 2;"), Say("say", "return '' + getCurrentValue();")),
            }),
            Line("end", "End")), new JsonArray(Variable("cur", "CurrentValue", "Int32")));
        await using var _ = host;

        Assert.Equal(["Start", "0", "1", "End"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task For_CountsDown_AndHonoursAnExclusiveBound()
    {
        var (host, result) = await RunAsync(Node("for", "Elsa.For", new JsonObject
        {
            ["start"] = Literal("Int32", 10),
            ["end"] = Literal("Int32", 4),
            ["step"] = Literal("Int32", -3),
            ["outerBoundInclusive"] = Literal("Boolean", false),
            ["body"] = Say("say", "return '' + getVariable('CurrentValue');"),
        }));
        await using var _ = host;

        Assert.Equal(["10", "7"], await TextsAsync(host, result.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public async Task Break_ExitsWhileLoop()
    {
        var (host, result) = await RunAsync(Seq("root",
            Line("start", "Start"),
            Node("while", "Elsa.While", new JsonObject
            {
                ["condition"] = Literal("Boolean", true),
                ["body"] = Seq("body",
                    Node("inc", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "n" }, ["value"] = Js("Object", "return getN() + 1;") }),
                    BreakIf("if", "return getN() == 3;"),
                    Say("say", "return '' + getN();")),
            }),
            Line("end", "End")), new JsonArray(Variable("n", "N", "Int32", "0")));
        await using var _ = host;

        Assert.Equal(["Start", "1", "2", "End"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task While_EvaluatesItsConditionBeforeEachIteration()
    {
        var (host, result) = await RunAsync(Node("while", "Elsa.While", new JsonObject
        {
            ["condition"] = Js("Boolean", "return getN() < 3;"),
            ["body"] = Seq("body",
                Node("inc", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "n" }, ["value"] = Js("Object", "return getN() + 1;") }),
                Say("say", "return '' + getN();")),
        }), new JsonArray(Variable("n", "N", "Int32", "0")));
        await using var _ = host;

        Assert.Equal(["1", "2", "3"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task Break_FromAForkBranch_EndsTheWhileLoop_AndLeavesNoBookmark()
    {
        var fork = Node("fork", "Elsa.Fork", new JsonObject
        {
            ["joinMode"] = "WaitAll",
            ["branches"] = new JsonArray(
                Seq("branch-1", Line("b1", "Branch 1"), Event("Branch 1", "Branch 1"), Line("b1r", "Branch 1 - Resumed"), Node("break", "Elsa.Break")),
                Seq("branch-2", Line("b2", "Branch 2"), Event("Branch 2", "Branch 2"), Line("b2r", "Branch 2 - Resumed"))),
        });
        var (host, result) = await RunAsync(Seq("root",
            Line("start", "Start"),
            Node("while", "Elsa.While", new JsonObject { ["condition"] = Js("Boolean", "return true;"), ["body"] = Seq("body", fork) }),
            Line("end", "End")));
        await using var _ = host;
        Assert.Equal(2, result.Bookmarks.Count);

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Branch 1", null));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Empty(state.Bookmarks);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["Start", "Branch 1", "Branch 2", "Branch 1 - Resumed", "End"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task ParallelForEach_RunsEveryBodyAtOnce_AndCompletesWhenAllHave()
    {
        var body = Seq("body",
            Event("wait", "go"),
            Node("add", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "sum" }, ["value"] = Js("Object", "return getSum() + getVariable('CurrentValue') * 10 + getVariable('CurrentIndex');") }));
        var (host, result) = await RunAsync(Seq("root",
            Node("each", "Elsa.ParallelForEach", new JsonObject { ["items"] = Js("Object", "return [1, 2, 3];"), ["body"] = body }),
            Say("done", "return 'sum ' + getSum();")), new JsonArray(Variable("sum", "Sum", "Int32", "0")));
        await using var _ = host;
        Assert.Equal(3, result.Bookmarks.Count);
        Assert.Empty(await TextsAsync(host, result.State.Id));

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["sum 63"], await TextsAsync(host, result.State.Id));
    }

    [Fact]
    public async Task FlowNode_RunsItsBody_ThenTheFlowchartGoesOn()
    {
        var (host, result) = await RunAsync(Chart(
            [Node("box", "Elsa.FlowNode", new JsonObject { ["body"] = Line("inside", "inside") }), Line("after", "after")],
            [Connect("box", "after")]));
        await using var _ = host;

        Assert.Equal(["inside", "after"], await TextsAsync(host, result.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public async Task Break_InAFlowchartBody_EndsTheLoop()
    {
        var body = Chart([Line("say", "x"), Node("stop", "Elsa.Break")], [Connect("say", "stop")], id: "body");
        var (host, result) = await RunAsync(Seq("root",
            Node("each", "Elsa.ForEach", new JsonObject { ["items"] = Js("List<Object>", "return [1, 2, 3];"), ["body"] = body }),
            Line("end", "End")));
        await using var _ = host;

        Assert.Equal(["x", "End"], await TextsAsync(host, result.State.Id));
    }
}
