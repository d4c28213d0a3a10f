using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class ExpressionAndVariableTests
{
    private static JsonObject SetVar(string id, string variableId, JsonObject value) =>
        Node(id, "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = variableId }, ["value"] = value });

    private static JsonObject Output(string id, string name, JsonObject value) =>
        Node(id, "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", name), ["outputValue"] = value });

    private static async Task<WorkflowState> RunToEndAsync(JsonObject root, JsonArray? variables = null, Dictionary<string, object?>? input = null, JsonArray? inputs = null, string? correlationId = null)
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", root, variables, inputs: inputs));
        var result = await host.StartAsync("wf", input, correlationId);
        return result.State;
    }

    [Fact]
    public async Task JavaScript_VariablesObject_ReadsAndWritesBack()
    {
        var state = await RunToEndAsync(Chart(
            [Node("s", "Elsa.Start"), SetVar("calc", "t", Js("Object", "variables.Count = variables.Count + 2; return variables.Count * 10;")), Output("o", "Result", Js("Object", "return [getVariable('Count'), getTotal(), variables.Total];"))],
            [Connect("s", "calc"), Connect("calc", "o")]),
            new JsonArray(Variable("c", "Count", "Int32", "1"), Variable("t", "Total", "Int32")));

        Assert.Equal("[3,30,30]", state.Output["Result"]!.ToJsonString());
    }

    [Fact]
    public async Task JavaScript_IdentityAndHelpers_ReturnInstanceValues()
    {
        var state = await RunToEndAsync(Chart(
            [Node("s", "Elsa.Start"), Output("o", "Result", Js("Object", "setCorrelationId('c-2'); return { id: getWorkflowInstanceId(), def: getWorkflowDefinitionId(), corr: getCorrelationId(), blank: isNullOrWhiteSpace('  '), json: toJson({ planId: 'P-1' }), input: getInput('PlanId'), plan: getPlanId() };"))],
            [Connect("s", "o")]),
            input: new() { ["PlanId"] = "P-9" },
            inputs: new JsonArray(new JsonObject { ["name"] = "PlanId", ["type"] = "String" }),
            correlationId: "c-1");

        var result = state.Output["Result"]!.AsObject();
        Assert.Equal(state.Id, result["id"]!.GetValue<string>());
        Assert.Equal("wf", result["def"]!.GetValue<string>());
        Assert.Equal("c-2", result["corr"]!.GetValue<string>());
        Assert.Equal("c-2", state.CorrelationId);
        Assert.True(result["blank"]!.GetValue<bool>());
        Assert.Equal("{\"PlanId\":\"P-1\"}", result["json"]!.GetValue<string>());
        Assert.Equal("P-9", result["input"]!.GetValue<string>());
        Assert.Equal("P-9", result["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task JavaScript_LastExpressionWithoutReturn_IsTheResult()
    {
        var state = await RunToEndAsync(Chart([Output("o", "Result", Js("Object", "const x = 4; x > 3"))], []));

        Assert.True(state.Output["Result"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Liquid_ModelAndFilters_Render()
    {
        var state = await RunToEndAsync(Chart(
            [Output("o", "Result", Liquid("String", "{{ Input.Municipality | upcase }} {{ Variables.Year }} {{ 'ab' | base64 }} {{ Variables.Map | keys | join: ',' }} {{ WorkflowDefinitionId }}"))],
            []),
            new JsonArray(Variable("y", "Year", "Int32", "2025"), Variable("m", "Map", "JSON", "{\"a\":1,\"b\":2}")),
            input: new() { ["Municipality"] = "Kemi" });

        Assert.Equal("KEMI 2025 YWI= a,b wf", state.Output["Result"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("while (true) {}", "statements")]
    [InlineData("function f() { return f(); } return f();", "recursed")]
    [InlineData("let s = 'x'; while (true) { s = s + s; }", "")]
    public async Task JavaScript_RunawayScript_FaultsActivityNotProcess(string script, string expected)
    {
        var state = await RunToEndAsync(Chart([Output("o", "Result", Js("Object", script)), Line("after")], [Connect("o", "after")]));

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("o", incident.ActivityId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JavaScript_LongerThanItsTimeout_FaultsWithTheTimeout_AndTheNextScriptRunsInFull()
    {
        await using var host = await EngineHost.StartAsync(s => s.Configure<Expressions.ScriptOptions>(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(50);
            o.MaxStatements = int.MaxValue;
        }));
        await host.ImportAsync(Definition("slow", Chart([Output("o", "Result", Js("Object", "let i = 0; while (true) { i++; }"))], [])));
        await host.ImportAsync(Definition("quick", Chart([Output("o", "Result", Js("Object", "let i = 0; while (i < 1000) { i++; } return i;"))], [])));

        var slow = await host.StartAsync("slow");
        var quick = await host.StartAsync("quick");

        Assert.Contains("ran longer than", Assert.Single(slow.State.Incidents).Message, StringComparison.Ordinal);
        Assert.Equal(1000, quick.State.Output["Result"]!.GetValue<long>());
    }

    [Fact]
    public async Task Variables_WithoutStorageDriver_RevertAfterSuspension()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", Chart(
            [Node("s", "Elsa.Start"), SetVar("set1", "kept", Literal("Object", "changed")), SetVar("set2", "lost", Literal("Object", "changed")), Event("wait", "Go"), Output("o", "Result", Js("Object", "return [getKept(), getLost(), getOutputFrom('set1') === undefined || getOutputFrom('set1') === null];"))],
            [Connect("s", "set1"), Connect("set1", "set2"), Connect("set2", "wait"), Connect("wait", "o")]),
            new JsonArray(Variable("kept", "Kept", "String", "initial"), Variable("lost", "Lost", "String", "initial", persisted: false))));
        var started = await host.StartAsync("wf");

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, workflowInstanceId: started.State.Id));

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal("[\"changed\",\"initial\",true]", state.Output["Result"]!.ToJsonString());
    }

    [Fact]
    public async Task Input_NotDeclared_IsVisibleOnlyInItsBurst()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", Chart(
            [Node("s", "Elsa.Start"), Event("wait", "Go"), Output("o", "Result", Js("Object", "return [getInput('Declared'), getInput('Extra') ?? 'gone'];"))],
            [Connect("s", "wait"), Connect("wait", "o")]),
            inputs: new JsonArray(new JsonObject { ["name"] = "Declared", ["type"] = "String", ["storageDriverType"] = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" })));
        var started = await host.StartAsync("wf", new() { ["Declared"] = "d", ["Extra"] = "e" });

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, workflowInstanceId: started.State.Id));

        Assert.Equal("[\"d\",\"gone\"]", (await host.LoadAsync(started.State.Id)).Output["Result"]!.ToJsonString());
    }

    [Fact]
    public async Task EventPayload_BoundToVariable_SurvivesLaterSuspension()
    {
        await using var host = await EngineHost.StartAsync();
        var wait = Event("wait", "Decided");
        wait["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "p" } };
        await host.ImportAsync(Definition("wf", Chart(
            [Node("s", "Elsa.Start"), wait, Event("again", "Again"), Output("o", "Result", Js("Object", "return getPayload().comment;"))],
            [Connect("s", "wait"), Connect("wait", "again"), Connect("again", "o")]),
            new JsonArray(Variable("p", "Payload", "Object"))));
        var started = await host.StartAsync("wf");

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Decided", new Dictionary<string, object?> { ["comment"] = "ok" }, workflowInstanceId: started.State.Id));
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Again", null, workflowInstanceId: started.State.Id));

        Assert.Equal("ok", (await host.LoadAsync(started.State.Id)).Output["Result"]!.GetValue<string>());
    }

    [Fact]
    public async Task ObjectInput_IsAPlainJavaScriptObject_InEveryOperation()
    {
        await using var host = await EngineHost.StartAsync();
        const string script = """
            const p = getInput('Plan');
            const keys = []; for (const k in p) keys.push(k);
            const { title: { fi }, meetings: [first] } = p;
            const copy = { ...p.title, en: 'Plan' };
            const merged = Object.assign({}, p.meetings[1]);
            const q = getInput('Plan'); q.title.fi = 'muutettu'; q.added = 1; delete q.label;
            return [Object.keys(p).join(), keys.join(), JSON.stringify(p.title), fi, first.phase, JSON.stringify(copy), merged.phase,
                'label' in p, p.hasOwnProperty('meetings'), Object.entries(p.title).length, Array.isArray(p.meetings), typeof p.meetings[0],
                JSON.stringify(q), p.title.fi];
            """;
        await host.ImportAsync(Definition("wf", Chart([Node("s", "Elsa.Start"), Output("o", "Result", Js("Object", script))], [Connect("s", "o")])));
        var plan = new Dictionary<string, object?>
        {
            ["title"] = new Dictionary<string, object?> { ["fi"] = "Suunnitelma", ["sv"] = "Plan" },
            ["label"] = "P-1",
            ["meetings"] = new List<object?> { new Dictionary<string, object?> { ["phase"] = "a" }, new Dictionary<string, object?> { ["phase"] = "b" } },
        };

        var started = await host.StartAsync("wf", new() { ["Plan"] = plan });

        Assert.Empty(started.State.Incidents);
        var expected = JsonNode.Parse(
            """["title,label,meetings","title,label,meetings","{\"fi\":\"Suunnitelma\",\"sv\":\"Plan\"}","Suunnitelma","a","{\"fi\":\"Suunnitelma\",\"sv\":\"Plan\",\"en\":\"Plan\"}","b",true,true,2,true,"object","{\"title\":{\"fi\":\"muutettu\",\"sv\":\"Plan\"},\"meetings\":[{\"phase\":\"a\"},{\"phase\":\"b\"}],\"added\":1}","Suunnitelma"]""");
        Assert.True(JsonNode.DeepEquals(expected, started.State.Output["Result"]), started.State.Output["Result"]!.ToJsonString());
        Assert.Equal("Suunnitelma", ((Dictionary<string, object?>)plan["title"]!)["fi"]);
    }
}
