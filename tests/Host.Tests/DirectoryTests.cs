using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

public sealed class DirectoryTests
{
    private static string DemoData(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DemoData", file));

    private static string ApprovalFor(string assignees) => $$"""
        {
          "id": "roles-v1", "definitionId": "approve-by-role", "name": "Approve by role", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "ask", "type": "Opiskeluhuolto.RequestApproval", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2023–2025" } },
                "assignees": { "typeName": "Object", "expression": { "type": "Object", "value": {{JsonValue.Create(assignees).ToJsonString()}} } },
                "quorum": { "typeName": "String", "expression": { "type": "Literal", "value": "Majority" } } }
            ],
            "connections": []
          }
        }
        """;

    [Fact]
    public async Task Import_RegionFile_CreatesRolesWithDeputies_AndReimportReplaces()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();

        var imported = await admin.PostJsonAsync("/api/directory/import", DemoData("keski-suomi-2023.json"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var body = await imported.JsonAsync();
        Assert.Equal("keski-suomi-2023", body["source"]!.GetValue<string>());
        Assert.Equal(30, body["people"]!.GetValue<int>());
        int Holders(JsonNode b, string role) => b["roles"]!.AsArray().Single(r => r!["role"]!.GetValue<string>() == role)!["holders"]!.GetValue<int>();
        Assert.Equal(15, Holders(body, "cooperationGroupMember"));
        Assert.Equal(5, Holders(body, "cooperationGroup:municipalEducation"));

        var chair = await (await admin.GetAsync("/api/directory/roles/chair")).JsonAsync();
        var holder = chair["items"]!.AsArray().Single()!;
        Assert.Equal("kirsi.lampinen@example.fi", holder["email"]!.GetValue<string>());
        Assert.Equal("raija.hamalainen@example.fi", holder["deputy"]!["email"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("/api/directory/import", DemoData("keski-suomi-2023.json"))).StatusCode);
        var roles = await (await admin.GetAsync("/api/directory/roles")).JsonAsync();
        Assert.Equal(15, roles["items"]!.AsArray().Single(r => r!["role"]!.GetValue<string>() == "cooperationGroupMember")!["holders"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_SteeringGroupFile_ResolvesWorkingCommitteeAndExtendedNetwork()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        var body = await (await admin.PostJsonAsync("/api/directory/import", DemoData("steering-group.json"))).JsonAsync();
        int Holders(string role) => body["roles"]!.AsArray().Single(r => r!["role"]!.GetValue<string>() == role)!["holders"]!.GetValue<int>();
        Assert.Equal(4, Holders("workingCommittee"));
        Assert.True(Holders("extendedNetwork") > Holders("steeringGroupMember"));
        Assert.Equal(1, Holders("steeringGroup:education-director"));
    }

    [Fact]
    public async Task Import_BadRows_Are400NamingEachField_AndNothingIsStored()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        var file = JsonNode.Parse(DemoData("keski-suomi-2023.json"))!;
        file["people"]![1]!["email"] = "ei-osoite";
        file["people"]![2]!["language"] = "de";
        file["cooperationGroup"]!["seats"]![0]!["memberPersonId"] = "p-ei-ole";

        var response = await admin.PostJsonAsync("/api/directory/import", file);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("people[1].email", errors.Select(e => e.Key));
        Assert.Contains("people[2].language", errors.Select(e => e.Key));
        Assert.Contains("cooperationGroup.seats[0].memberPersonId", errors.Select(e => e.Key));
        Assert.Empty((await (await admin.GetAsync("/api/directory/roles")).JsonAsync())["items"]!.AsArray());

        var notJson = await admin.PostAsync("/api/directory/import", TestApp.Json("{ \"people\": ["));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/directory/roles/chair")).StatusCode);
    }

    [Fact]
    public async Task Import_NeedsAdmin()
    {
        await using var app = new TestApp();
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/directory/import", DemoData("keski-suomi-2023.json"))).StatusCode);
    }

    [Fact]
    public async Task Approval_AssigneesByRole_AreMailedInTheirOwnLanguageWithDeputies()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        using var admin = app.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("/api/directory/import", DemoData("pohjois-pohjanmaa-2023.json"))).StatusCode);
        await app.ImportAsync(ApprovalFor("""[{ "role": "cooperationGroupMember" }, "role:chair"]"""));

        var execute = await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-by-role/execute", "{}");
        Assert.Equal(HttpStatusCode.OK, execute.StatusCode);
        await app.RunBackgroundAsync();

        Assert.Equal(16, sink.Messages.Count); // the chair holds a member seat too: one seat each
        var swedish = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "johanna.lindqvist@example.fi");
        Assert.StartsWith("Begäran om godkännande", swedish.Subject, StringComparison.Ordinal);
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Suspended", instance["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approval_UnknownRole_FaultsWithAClearIncident()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        await app.ImportAsync(ApprovalFor("""[{ "role": "eiOleOlemassa" }]"""));

        var execute = await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-by-role/execute", "{}");
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Faulted", instance["subStatus"]!.GetValue<string>());
        Assert.Contains("nobody holds the role", instance.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("eiOleOlemassa", instance.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoLoad_AtStartUp_ImportsBothRegionsAndTheSteeringGroup()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Demo:Load"] = "true" });
        using var admin = app.Admin();

        var roles = (await (await admin.GetAsync("/api/directory/roles")).JsonAsync())["items"]!.AsArray();
        int Holders(string role) => roles.Single(r => r!["role"]!.GetValue<string>() == role)!["holders"]!.GetValue<int>();
        Assert.Equal(2, Holders("chair"));
        Assert.Equal(15 + 16, Holders("cooperationGroupMember"));
        Assert.Equal(4, Holders("workingCommittee"));
    }
}
