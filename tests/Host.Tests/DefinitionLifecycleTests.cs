using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Studio's save/publish lifecycle (STUDIO-API.md §4.6–§4.8) and versions that running instances keep.</summary>
public sealed class DefinitionLifecycleTests
{
    private static JsonObject Model(string? definitionId, string text) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Lifecycle",
        ["toolVersion"] = "3.8.0.0",
        ["root"] = new JsonObject
        {
            ["id"] = "root1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
                new JsonObject { ["id"] = "wait", ["type"] = "Elsa.Event", ["version"] = 1, ["eventName"] = new JsonObject { ["typeName"] = null, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Go" } } },
                new JsonObject { ["id"] = "line", ["type"] = "Elsa.WriteLine", ["version"] = 1, ["text"] = new JsonObject { ["typeName"] = null, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } } }),
            ["connections"] = new JsonArray(
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "wait", ["port"] = "In" } },
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "wait", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "line", ["port"] = "In" } }),
        },
    };

    [Fact]
    public async Task SavePublishEditPublish_CreatesNewVersion_RunningInstanceKeepsItsVersion()
    {
        await using var app = new TestApp();
        using var client = app.Admin();

        var created = await (await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Model(null, "v1"), ["publish"] = true })).JsonAsync();
        var definition = created["workflowDefinition"]!;
        var definitionId = definition["definitionId"]!.GetValue<string>();
        Assert.Equal(1, definition["version"]!.GetValue<int>());
        Assert.True(definition["isPublished"]!.GetValue<bool>());
        Assert.Equal("Workflow1:root1:wait", definition["root"]!["activities"]![1]!["nodeId"]!.GetValue<string>());
        Assert.Contains(definition["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "publish");

        var running = (await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var draft = await (await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Model(definitionId, "v2"), ["publish"] = false })).JsonAsync();
        Assert.Equal(2, draft["workflowDefinition"]!["version"]!.GetValue<int>());
        Assert.False(draft["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        var again = await (await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Model(definitionId, "v2b"), ["publish"] = false })).JsonAsync();
        Assert.Equal(2, again["workflowDefinition"]!["version"]!.GetValue<int>());
        var published = await (await client.PostEmptyAsync($"/elsa/api/workflow-definitions/{definitionId}/publish")).JsonAsync();
        Assert.False(published["alreadyPublished"]!.GetValue<bool>());

        var versions = await (await client.GetAsync($"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Descending")).JsonAsync();
        Assert.Equal([(2, true, true), (1, false, false)], versions["items"]!.AsArray().Select(v => (v!["version"]!.GetValue<int>(), v["isLatest"]!.GetValue<bool>(), v["isPublished"]!.GetValue<bool>())));

        await client.PostJsonAsync("/elsa/api/events/Go/trigger", new JsonObject { ["workflowInstanceId"] = running });
        var journal = await (await client.GetAsync($"/elsa/api/workflow-instances/{running}/journal")).JsonAsync();
        var line = journal["items"]!.AsArray().First(r => r!["activityId"]!.GetValue<string>() == "line" && r["eventName"]!.GetValue<string>() == "Completed")!;
        Assert.Equal("v1", line["activityState"]!["text"]!.GetValue<string>());
        var next = (await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        Assert.Equal(2, (await (await client.GetAsync($"/elsa/api/workflow-instances/{next}")).JsonAsync())["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Save_UnknownActivityType_Returns400AndStoresNothing()
    {
        await using var app = new TestApp();
        using var client = app.Admin();
        var model = Model(null, "x");
        model["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "ghost", ["type"] = "Acme.Ghost", ["version"] = 1 });

        var response = await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Acme.Ghost", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await client.GetAsync("/elsa/api/workflow-definitions")).JsonAsync())["totalCount"]!.GetValue<int>());
    }
}
