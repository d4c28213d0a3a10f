using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Elsa.RunJavaScript: the script's value is Result, and the outcomes it sets choose the way on.</summary>
public sealed class RunJavaScriptTests
{
    private static async Task<(List<string> Lines, JsonNode? Result)> RunAsync(string script)
    {
        await using var host = await EngineHost.StartAsync();
        var run = Node("run", "Elsa.RunJavaScript", new JsonObject
        {
            ["script"] = Js("String", script),
            ["possibleOutcomes"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"A\",\"B\"]" } },
            ["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "r" } },
        });
        await host.ImportAsync(Definition("js", Chart(
            [run, Line("a"), Line("b"), Line("done"),
             Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Result"), ["outputValue"] = Js("Object", "return getR();") })],
            [Connect("run", "a", "A"), Connect("run", "b", "B"), Connect("run", "done", "Done"), Connect("a", "out"), Connect("b", "out"), Connect("done", "out")]),
            new JsonArray(Variable("r", "R", "Object"))));
        var result = await host.StartAsync("js");
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Empty(result.State.Incidents);
        var lines = (await host.JournalAsync(result.State.Id)).Where(r => r.ActivityType == "Elsa.WriteLine" && r.EventName == "Completed").Select(r => r.ActivityId).Order().ToList();
        return (lines, result.State.Output["Result"]);
    }

    [Fact]
    public async Task SetOutcome_ChoosesThePort_AndTheValueIsResult()
    {
        var (lines, result) = await RunAsync("setOutcome('B'); return 40 + 2;");

        Assert.Equal(["b"], lines);
        Assert.Equal(42, result!.GetValue<long>());
    }

    [Fact]
    public async Task SetOutcomes_FollowsEach()
    {
        var (lines, _) = await RunAsync("setOutcomes(['A', 'B']);");

        Assert.Equal(["a", "b"], lines);
    }

    [Fact]
    public async Task NoOutcomeSet_CompletesWithDone_AndSeesVariables()
    {
        var (lines, result) = await RunAsync("setVariable('Tmp', 'x'); return getVariable('Tmp') + getWorkflowDefinitionId();");

        Assert.Equal(["done"], lines);
        Assert.Equal("xjs", result!.GetValue<string>());
    }

    [Theory]
    [InlineData("3.8.0.0", "return getResultFromSumOfTwo() + getOutputFrom('sum-1');")]
    [InlineData(null, "return getResultFromSum1() + getOutputFrom('sumOfTwo');")]
    public async Task GeneratedOutputAccessors_NameTheActivityByName_FromToolVersion3_ElseById(string? toolVersion, string script)
    {
        await using var host = await EngineHost.StartAsync();
        var sum = Node("sum-1", "Elsa.RunJavaScript", new JsonObject { ["script"] = Js("String", "return 20 + 1;") });
        sum["name"] = "sumOfTwo";
        var document = JsonNode.Parse(Definition("acc", Chart(
            [sum, Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Result"), ["outputValue"] = Js("Object", script) })],
            [Connect("sum-1", "out")])))!.AsObject();
        document["toolVersion"] = toolVersion;
        await host.ImportAsync(document.ToJsonString());

        var result = await host.StartAsync("acc");

        Assert.Empty(result.State.Incidents);
        Assert.Equal(42, result.State.Output["Result"]!.GetValue<long>());
    }

    [Fact]
    public async Task TypeDefinitions_DeclareTheGeneratedAccessors()
    {
        await using var host = await EngineHost.StartAsync();
        var definition = Serialization.WorkflowDefinitionReader.Read(Definition("acc", Chart([Node("calc", "Elsa.RunJavaScript")], [])));
        definition.ToolVersion = "3.8.0.0";

        var text = host.Services.GetRequiredService<Expressions.JavaScriptTypeDefinitions>().For(definition);

        Assert.Contains("declare function getResultFromCalc(): any;", text, StringComparison.Ordinal);
    }
}
