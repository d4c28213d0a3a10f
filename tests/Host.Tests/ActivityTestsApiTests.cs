using System.Net;
using System.Text.Json.Nodes;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The Studio's Test tab → Run: one activity runs on its own; its outputs show, its mail is listed and not sent.</summary>
public sealed class ActivityTestsApiTests
{
    private static string Workflow() => Definition("testattava", Chart(
        [
            Node("paatos", "Elsa.FlowDecision", new JsonObject { ["condition"] = Js("Boolean", "return getNimi() == 'Pia';") }),
            Node("posti", "Elsa.SendEmail", new JsonObject
            {
                ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"pia@kunta.example\"]" } },
                ["subject"] = Js("String", "return 'Hei ' + getNimi();"),
                ["body"] = Literal("String", "<p>Tervetuloa kokoukseen.</p>"),
            }),
            Node("haku", "Elsa.FlowSendHttpRequest", new JsonObject { ["url"] = Literal("Uri", "https://asianhallinta.example/api"), ["method"] = Literal("String", "GET") }),
        ],
        [Connect("paatos", "posti", "True"), Connect("posti", "haku")]),
        new JsonArray(Variable("n", "Nimi", "String", "Pia")));

    private static JsonObject Handle(string activityId, string definitionId = "testattava") => new()
    {
        ["workflowDefinitionHandle"] = new JsonObject { ["definitionId"] = definitionId, ["versionOptions"] = "Latest" },
        ["activityHandle"] = new JsonObject { ["activityId"] = activityId },
    };

    [Fact]
    public async Task Run_ShowsOutcomesAndListsMailWithoutSendingIt()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Workflow());
        using var admin = app.Admin();

        var decision = await (await admin.PostJsonAsync("/elsa/api/tests/activities", Handle("paatos"))).JsonAsync();
        Assert.Equal("Completed", decision["status"]!.GetValue<string>());
        Assert.Equal(["True"], decision["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));

        var mail = await admin.PostJsonAsync("/elsa/api/tests/activities", Handle("posti"));
        Assert.Equal(HttpStatusCode.OK, mail.StatusCode);
        var effect = Assert.Single((await mail.JsonAsync())["sideEffects"]!.AsArray())!;
        Assert.Equal("Email", effect["kind"]!.GetValue<string>());
        Assert.Equal("Hei Pia", effect["subject"]!.GetValue<string>());
        await app.RunBackgroundAsync();
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "mail-pickup")) && Directory.EnumerateFiles(Path.Combine(app.DataFolder, "mail-pickup")).Any(), "a test run sends no mail");
        Assert.Equal(0, (await (await admin.GetAsync("/elsa/api/workflow-instances")).JsonAsync())["totalCount"]!.GetValue<long>()); // and stores no instance

        var http = await (await admin.PostJsonAsync("/elsa/api/tests/activities", Handle("haku"))).JsonAsync();
        Assert.Equal("Canceled", http["status"]!.GetValue<string>());
        Assert.Contains("does not send it", http["activityState"]!["NotRun"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("does not send it", http["notRun"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OfAnUnknownActivityOrWorkflow_Is404_AndAnIncompleteHandle400()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Workflow());
        using var admin = app.Admin();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/elsa/api/tests/activities", Handle("ei-ole"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/elsa/api/tests/activities", Handle("paatos", "ei-ole"))).StatusCode);
        var bad = await admin.PostJsonAsync("/elsa/api/tests/activities", new JsonObject { ["activityHandle"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("workflowDefinitionHandle") && errors.ContainsKey("activityHandle"));
    }
}
