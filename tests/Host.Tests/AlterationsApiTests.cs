using System.Net;
using System.Text.Json.Nodes;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>/elsa/api/alterations: run, retry, submit a plan and read it, dry-run; malformed bodies get 400 naming the member.</summary>
public sealed class AlterationsApiTests
{
    private static string Faulting() => Definition("repair", Chart(
        [Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Name"), ["outputValue"] = Js("Object", "return getPerson().name;") })], []),
        new JsonArray(Variable("person", "Person", "Object")));

    private static string Versioned(int version, string waitId) => new JsonObject
    {
        ["id"] = $"moving-v{version}", ["definitionId"] = "moving", ["name"] = "moving", ["version"] = version, ["isPublished"] = true, ["isLatest"] = true,
        ["variables"] = new JsonArray(), ["root"] = Chart([Node("start", "Elsa.Start"), Event(waitId, "go"), Line("after")], [Connect("start", waitId), Connect(waitId, "after")]),
    }.ToJsonString();

    private static async Task<string> StartAsync(HttpClient admin, string definitionId) =>
        (await (await admin.PostEmptyAsync($"/elsa/api/workflow-definitions/{definitionId}/execute")).JsonAsync())["workflowState"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task Run_RepairsAFaultedInstance_AndRetryRunsItsFaultedActivity()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Faulting());
        using var admin = app.Admin();
        var first = await StartAsync(admin, "repair");
        var second = await StartAsync(admin, "repair");

        var run = await (await admin.PostJsonAsync("/elsa/api/alterations/run", new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "person", ["value"] = new JsonObject { ["name"] = "Pia" } },
                                            new JsonObject { ["type"] = "ScheduleActivity", ["activityId"] = "out" }),
            ["workflowInstanceIds"] = new JsonArray(first),
        })).JsonAsync();
        Assert.True(run["results"]![0]!["isSuccessful"]!.GetValue<bool>());
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{first}")).JsonAsync();
        Assert.Equal("Pia", instance["workflowState"]!["output"]!["Name"]!.GetValue<string>());

        // Retry without a fix faults again: the incident comes back, the instance stays faulted.
        var retry = await (await admin.PostJsonAsync("/elsa/api/alterations/workflows/retry", new JsonObject { ["workflowInstanceIds"] = new JsonArray(second) })).JsonAsync();
        Assert.True(retry["results"]![0]!["isSuccessful"]!.GetValue<bool>());
        var again = await (await admin.GetAsync($"/elsa/api/workflow-instances/{second}")).JsonAsync();
        Assert.Equal("Faulted", again["workflowState"]!["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task APlan_IsSubmitted_DryRunFirst_CarriedOutInTheBackground_AndReadBack()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Versioned(1, "wait"));
        using var admin = app.Admin();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await StartAsync(admin, "moving"));
        await app.ImportAsync(Versioned(2, "odota"));
        var migrate = new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2, ["activityMappings"] = new JsonObject { ["wait"] = "odota" } };

        var dry = await (await admin.PostJsonAsync("/elsa/api/alterations/dry-run", new JsonObject { ["definitionIds"] = new JsonArray("moving"), ["alterations"] = new JsonArray(migrate.DeepClone()) })).JsonAsync();
        Assert.Equal(ids.Order(), dry["workflowInstanceIds"]!.AsArray().Select(i => i!.GetValue<string>()).Order());
        Assert.All(dry["migrations"]!.AsArray(), m => Assert.Equal("odota", m!["mappedActivities"]!["wait"]!.GetValue<string>()));

        var planId = (await (await admin.PostJsonAsync("/elsa/api/alterations/submit", new JsonObject
        {
            ["alterations"] = new JsonArray(migrate.DeepClone()), ["filter"] = new JsonObject { ["definitionIds"] = new JsonArray("moving") },
        })).JsonAsync())["planId"]!.GetValue<string>();
        var pending = await (await admin.GetAsync($"/elsa/api/alterations/{planId}")).JsonAsync();
        Assert.Equal(3, pending["progress"]!["pending"]!.GetValue<int>());

        await app.RunBackgroundAsync();

        var done = await (await admin.GetAsync($"/elsa/api/alterations/{planId}")).JsonAsync();
        Assert.Equal("Completed", done["plan"]!["status"]!.GetValue<string>());
        Assert.Equal(3, done["progress"]!["completed"]!.GetValue<int>());
        foreach (var id in ids)
            Assert.Equal(2, (await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync())["workflowState"]!["definitionVersion"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/elsa/api/alterations/nope")).StatusCode);
    }

    [Theory]
    [InlineData("/elsa/api/alterations/run", """{"alterations":[{"type":"Rename"}],"workflowInstanceIds":["x"]}""", "alterations[0].type")]
    [InlineData("/elsa/api/alterations/run", """{"alterations":[{"type":"ModifyVariable"}],"workflowInstanceIds":["x"]}""", "alterations[0].variableId")]
    [InlineData("/elsa/api/alterations/run", """{"alterations":[{"type":"Migrate","targetVersion":"two"}],"workflowInstanceIds":["x"]}""", "alterations[0].targetVersion")]
    [InlineData("/elsa/api/alterations/run", """{"alterations":[{"type":"CancelActivity"}],"workflowInstanceIds":["x"]}""", "alterations[0]")]
    [InlineData("/elsa/api/alterations/run", """{"alterations":[{"type":"ScheduleActivity","activityId":"a"}]}""", "workflowInstanceIds")]
    [InlineData("/elsa/api/alterations/submit", """{"alterations":[],"filter":{}}""", "alterations")]
    [InlineData("/elsa/api/alterations/submit", """{"alterations":[{"type":"Migrate","targetVersion":2}],"filter":{"statuses":["Nope"]}}""", "filter.statuses[0]")]
    [InlineData("/elsa/api/alterations/dry-run", """{"versions":["1"]}""", "$.versions[0]")]
    public async Task MalformedBodies_Get400_NamingTheMember(string url, string body, string member)
    {
        await using var app = new TestApp();
        using var admin = app.Admin();

        var response = await admin.PostJsonAsync(url, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![member]);
    }

    [Fact]
    public async Task AnAddressTypedIntoAPlan_IsErasedWithThePerson()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Faulting());
        using var admin = app.Admin();
        var id = await StartAsync(admin, "repair");
        var planId = (await (await admin.PostJsonAsync("/elsa/api/alterations/submit", new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "person", ["value"] = new JsonObject { ["name"] = "pia.virtanen@jyvaskyla.example" } }),
            ["filter"] = new JsonObject { ["workflowInstanceIds"] = new JsonArray(id) },
        })).JsonAsync())["planId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("/api/people/erase", new JsonObject { ["email"] = "pia.virtanen@jyvaskyla.example" })).StatusCode);

        var plan = await (await admin.GetAsync($"/elsa/api/alterations/{planId}")).JsonAsync();
        Assert.DoesNotContain("pia.virtanen", plan.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
