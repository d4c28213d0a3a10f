using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Admins change the shipped cycle in Studio without breaking the cycles that run it (issue 23).</summary>
public sealed class StudioEditingTests
{
    [Fact]
    public async Task PublishingAnEditedPhaseTask_KeepsTheCycleSavable_AndCyclesStarting_AutoUpdateRepointsIt()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        }, start: new DateTimeOffset(2023, 2, 1, 8, 0, 0, TimeSpan.Zero));
        using var admin = app.Admin();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/directory/import", TestApp.Json(file))).StatusCode);
        var running = await admin.PostJsonAsync("/api/cycles", new JsonObject { ["dataset"] = "keski-suomi-2023" });
        Assert.Equal(HttpStatusCode.Created, running.StatusCode);
        var runningId = (await running.JsonAsync())["id"]!.GetValue<string>();

        // Studio: open the phase task, change its description, save and publish (version 2).
        async Task<JsonObject> SavePublishedAsync(string definitionId, Action<JsonObject> edit)
        {
            var model = (await (await admin.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest")).JsonAsync()).AsObject();
            edit(model);
            var saved = await admin.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = true });
            Assert.True(saved.StatusCode == HttpStatusCode.OK, $"{definitionId}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
            return (await saved.JsonAsync())["workflowDefinition"]!.AsObject();
        }

        var task = await SavePublishedAsync("cycle-phase-task", m => m["description"] = "Muokattu kuvaus");
        Assert.Equal(2, task["version"]!.GetValue<int>());

        // The cycle still saves and publishes; the running cycle and a new one go on.
        Assert.Equal(2, (await SavePublishedAsync("council-term-cycle", m => m["description"] = "Tallennettu uudelleen"))["version"]!.GetValue<int>());
        var consumers = await (await admin.GetAsync("/elsa/api/workflow-definitions/cycle-phase-task/consumers")).JsonAsync();
        Assert.Contains("council-term-cycle", consumers["consumingWorkflowDefinitionIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        await app.RunUntilAsync(new DateTimeOffset(2023, 3, 15, 8, 0, 0, TimeSpan.Zero));
        var state = await (await admin.GetAsync($"/elsa/api/workflow-instances/{runningId}")).JsonAsync();
        Assert.Equal("Running", state["status"]!.GetValue<string>());
        Assert.Equal(0, state["incidentCount"]?.GetValue<int>() ?? 0);
        var other = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "pohjois-pohjanmaa-2023.json"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/directory/import", TestApp.Json(other))).StatusCode);
        var fresh = await admin.PostJsonAsync("/api/cycles", new JsonObject { ["dataset"] = "pohjois-pohjanmaa-2023" });
        Assert.True(fresh.StatusCode == HttpStatusCode.Created, await fresh.Content.ReadAsStringAsync());
        var freshId = (await fresh.JsonAsync())["id"]!.GetValue<string>();
        await app.RunUntilAsync(new DateTimeOffset(2023, 4, 15, 8, 0, 0, TimeSpan.Zero));
        foreach (var id in new[] { runningId, freshId })
        {
            Assert.Equal(0, (await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync())["incidentCount"]?.GetValue<int>() ?? 0);
            var journal = await admin.GetStringAsync($"/elsa/api/workflow-instances/{id}/journal?PageSize=500");
            Assert.Contains("\"activityType\":\"CyclePhaseTask\"", journal, StringComparison.Ordinal); // a phase task ran
        }

        // With autoUpdateConsumingWorkflows the cycle gets a new version that uses the new phase task.
        var v3 = await SavePublishedAsync("cycle-phase-task", m =>
        {
            m["description"] = "Taas muokattu";
            m["options"]!["autoUpdateConsumingWorkflows"] = true;
        });
        var cycle = await (await admin.GetAsync("/elsa/api/workflow-definitions/by-definition-id/council-term-cycle?versionOptions=Published")).JsonAsync();
        Assert.Equal(3, cycle["version"]!.GetValue<int>());
        var text = cycle.ToJsonString();
        Assert.Contains($"\"workflowDefinitionVersionId\":\"{v3["id"]!.GetValue<string>()}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionOutOfEnd_IsKeptWithAWarning_AndNeverFollowed()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        var model = new JsonObject
        {
            ["definitionId"] = "end-with-tail", ["name"] = "End with tail", ["version"] = 1,
            ["root"] = new JsonObject
            {
                ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
                    new JsonObject { ["id"] = "end", ["type"] = "Elsa.End", ["version"] = 1 },
                    new JsonObject { ["id"] = "tail", ["type"] = "Elsa.WriteLine", ["version"] = 1, ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "never" } } }),
                ["connections"] = new JsonArray(
                    new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "end", ["port"] = "In" } },
                    new JsonObject { ["source"] = new JsonObject { ["activity"] = "end", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "tail", ["port"] = "In" } }),
            },
        };

        var saved = await admin.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var warning = Assert.Single((await saved.JsonAsync())["warnings"]!.AsArray());
        Assert.Equal("root.connections[1].source.port", warning!["path"]!.GetValue<string>());
        var stored = await (await admin.GetAsync("/elsa/api/workflow-definitions/by-definition-id/end-with-tail?versionOptions=Latest")).JsonAsync();
        Assert.Equal(2, stored["root"]!["connections"]!.AsArray().Count); // kept, as Elsa keeps it
        var run = await admin.PostJsonAsync("/elsa/api/workflow-definitions/end-with-tail/execute", "{}");
        var id = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        Assert.Equal("Finished", (await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync())["subStatus"]!.GetValue<string>());
        Assert.DoesNotContain("\"activityId\":\"tail\"", await admin.GetStringAsync($"/elsa/api/workflow-instances/{id}/journal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkExport_IsAZip_ChildrenBeforeParents_WithConsumersWhenAsked()
    {
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder());
        using var admin = app.Admin();

        var alone = await admin.PostJsonAsync("/elsa/api/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = new JsonArray("statement-request") });
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.Equal("application/zip", alone.Content.Headers.ContentType!.MediaType);
        Assert.Single(Entries(await alone.Content.ReadAsByteArrayAsync()));

        var withConsumers = await admin.PostJsonAsync("/elsa/api/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = new JsonArray("cycle-phase-task"), ["includeConsumingWorkflows"] = true });
        var entries = Entries(await withConsumers.Content.ReadAsByteArrayAsync());
        var child = entries.FindIndex(e => e.DefinitionId == "cycle-phase-task");
        var parent = entries.FindIndex(e => e.DefinitionId == "council-term-cycle");
        Assert.True(child >= 0 && parent > child, string.Join(", ", entries.Select(e => e.DefinitionId)));
        Assert.All(entries, e => Assert.StartsWith("https://elsaworkflows.io/schemas/workflow-definition", e.Schema, StringComparison.Ordinal));

        var single = await admin.GetAsync("/elsa/api/workflow-definitions/cycle-phase-task/export?versionOptions=Latest&includeConsumingWorkflows=True");
        Assert.Equal("application/zip", single.Content.Headers.ContentType!.MediaType);
        Assert.Contains("workflow-definitions.zip", single.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/elsa/api/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = new JsonArray("ei-ole") })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/elsa/api/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = 5 })).StatusCode);
    }

    private static List<(string DefinitionId, string Schema)> Entries(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return [.. archive.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            var json = JsonNode.Parse(reader.ReadToEnd())!;
            return (json["definitionId"]!.GetValue<string>(), json["$schema"]!.GetValue<string>());
        })];
    }

    [Fact]
    public async Task InstanceList_HonoursVersionSystemAndTimestampFilters()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var admin = app.Admin();
        async Task<string> RunAsync()
        {
            var run = await admin.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", "{}");
            Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
            return run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        }

        var first = await RunAsync(); // 2.11.2026 at 7.00 UTC
        app.Time.Advance(TimeSpan.FromDays(2));
        var second = await RunAsync(); // 4.11.2026
        async Task<List<string>> ListAsync(JsonObject body) =>
            [.. (await (await admin.PostJsonAsync("/elsa/api/workflow-instances", body)).JsonAsync())["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];
        JsonObject Filter(string op, string at) => new() { ["timestampFilters"] = new JsonArray(new JsonObject { ["column"] = "CreatedAt", ["operator"] = op, ["timestamp"] = at }) };

        Assert.Equal([first], await ListAsync(Filter("Is", "2026-11-02T00:00:00Z")));
        Assert.Equal([second], await ListAsync(Filter("IsNot", "2026-11-02T00:00:00Z")));
        Assert.Equal([second], await ListAsync(Filter("GreaterThan", "2026-11-03T12:00:00Z")));
        Assert.Equal([first], await ListAsync(Filter("LessThanOrEqual", "2026-11-02T07:00:00Z")));
        Assert.Equal([second, first], await ListAsync(new JsonObject { ["version"] = 1, ["isSystem"] = false }));
        Assert.Empty(await ListAsync(new JsonObject { ["version"] = 2 }));
        Assert.Empty(await ListAsync(new JsonObject { ["isSystem"] = true }));
    }

    [Fact]
    public async Task AStartTheActivationStrategyRefuses_Gets409()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Flow.Definition("plan-approval", Flow.Chart([Flow.Event("wait", "hyvaksytty")], []),
            options: new JsonObject { ["activationStrategyType"] = "Elsa.Workflows.ActivationValidators.CorrelatedSingletonStrategy, Elsa.Workflows.Core" }));
        using var admin = app.Admin();
        var first = await admin.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"correlationId": "plan-2027"}""");
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        var running = (await (await admin.GetAsync($"/elsa/api/workflow-instances/{first.Headers.GetValues("x-elsa-workflow-instance-id").Single()}")).JsonAsync())["status"]!.GetValue<string>();
        Assert.Equal("Running", running);

        var second = await admin.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"correlationId": "plan-2027"}""");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("plan-2027", (await second.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True((await admin.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"correlationId": "plan-2028"}""")).IsSuccessStatusCode);
        var strategies = await admin.GetStringAsync("/elsa/api/descriptors/workflow-activation-strategies");
        Assert.Contains("CorrelatedSingletonStrategy", strategies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancesExportedAsAZip_ImportElsewhere_AndTheirTimersStillFire()
    {
        var workflow = Flow.Definition("odotus", Flow.Chart(
            [Flow.Node("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = Flow.Literal("TimeSpan", "01:00:00") }),
             Flow.Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Flow.Literal("String", "Tulos"), ["outputValue"] = Flow.Literal("Object", "valmis") })],
            [Flow.Connect("wait", "out")]));
        byte[] zip;
        string id;
        await using (var source = new TestApp())
        {
            await source.ImportAsync(workflow);
            using var admin = source.Admin();
            id = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/odotus/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
            var export = await admin.PostJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new JsonObject { ["ids"] = new JsonArray(id) });
            Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
            zip = await export.Content.ReadAsByteArrayAsync();
        }

        await using var target = new TestApp();
        using var client = target.Admin();
        async Task<HttpResponseMessage> ImportAsync(byte[] content, string name)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "files", name } };
            return await client.PostAsync("/elsa/api/bulk-actions/import/workflow-instances", form);
        }

        var withoutWorkflow = await ImportAsync(zip, "workflow-instances.zip");
        Assert.Equal(HttpStatusCode.Conflict, withoutWorkflow.StatusCode); // the workflow version must be there first
        await target.ImportAsync(workflow);
        var imported = await ImportAsync(zip, "workflow-instances.zip");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, (await imported.JsonAsync())["count"]!.GetValue<int>());
        Assert.Equal(0, (await (await ImportAsync(zip, "again.zip")).JsonAsync())["count"]!.GetValue<int>()); // an existing id is skipped
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync("ei json"u8.ToArray(), "rikki.json")).StatusCode);

        await target.RunUntilAsync(target.Time.GetUtcNow().AddHours(2));
        var state = await (await client.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync();
        Assert.Equal("Finished", state["subStatus"]!.GetValue<string>());
        Assert.Equal("valmis", state["workflowState"]!["output"]!["Tulos"]!.GetValue<string>());
    }
}
