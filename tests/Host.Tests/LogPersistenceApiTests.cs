using System.Net;
using System.Text.Json.Nodes;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Studio's log persistence settings (workflow and activity) round-trip through the API, and the strategies are offered.</summary>
public sealed class LogPersistenceApiTests
{
    [Fact]
    public async Task TheSettings_RoundTrip_AndEveryStrategyIsOffered()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        var exclude = new JsonObject { ["evaluationMode"] = "Strategy", ["strategyType"] = "Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core", ["expression"] = null };
        var line = Line("say", "hei");
        line["customProperties"]!["logPersistenceConfig"] = new JsonObject { ["default"] = null, ["inputs"] = new JsonObject { ["text"] = exclude.DeepClone() }, ["outputs"] = new JsonObject() };
        var model = JsonNode.Parse(Definition("settings", Chart([line], [])))!.AsObject();
        model["customProperties"] = new JsonObject { ["logPersistenceConfig"] = new JsonObject { ["default"] = exclude.DeepClone() } };

        var saved = await admin.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await (await admin.GetAsync("/elsa/api/workflow-definitions/by-definition-id/settings?versionOptions=Latest")).JsonAsync();

        Assert.True(JsonNode.DeepEquals(exclude, read["customProperties"]!["logPersistenceConfig"]!["default"]));
        Assert.True(JsonNode.DeepEquals(exclude, read["root"]!["activities"]![0]!["customProperties"]!["logPersistenceConfig"]!["inputs"]!["text"]));
        var strategies = await (await admin.GetAsync("/elsa/api/descriptors/log-persistence-strategies")).JsonAsync();
        Assert.Equal(["Include", "Exclude", "Inherit"], strategies["items"]!.AsArray().Select(s => s!["displayName"]!.GetValue<string>()));
    }
}
