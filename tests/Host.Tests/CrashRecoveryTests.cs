using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Kills the real Host process (SIGKILL) in the middle of a burst and proves the instance resumes from its last commit.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-crash-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private const string LoopWorkflow = """
        {
          "id": "crash-v1", "definitionId": "crash", "name": "Crash", "version": 1, "isPublished": true,
          "variables": [
            { "id": "n", "name": "N", "typeName": "Int32", "value": "0", "storageDriverTypeName": "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" },
            { "id": "p", "name": "Payload", "typeName": "Object", "storageDriverTypeName": "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" }
          ],
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "go", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Go" } },
                "result": { "typeName": "Object", "memoryReference": { "id": "p" } } },
              { "id": "inc", "type": "Elsa.SetVariable", "version": 1, "variable": { "id": "n" },
                "value": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "return getVariable('N') + 1;" } } },
              { "id": "more", "type": "Elsa.FlowDecision", "version": 1,
                "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "return getVariable('N') < getPayload().limit;" } } },
              { "id": "done", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "done" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "go", "port": "In" } },
              { "source": { "activity": "go", "port": "Done" }, "target": { "activity": "inc", "port": "In" } },
              { "source": { "activity": "inc", "port": "Done" }, "target": { "activity": "more", "port": "In" } },
              { "source": { "activity": "more", "port": "True" }, "target": { "activity": "inc", "port": "In" } },
              { "source": { "activity": "more", "port": "False" }, "target": { "activity": "done", "port": "In" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task KillMidBurst_InstanceResumesFromLastCommit()
    {
        Directory.CreateDirectory(_folder);
        string instanceId;
        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(LoopWorkflow))).StatusCode);
            var execute = await client.PostAsync("/elsa/api/workflow-definitions/crash/execute", TestApp.Json("{}"));
            instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();

            // A burst of a million loop iterations takes minutes; the process dies two seconds into it.
            var burst = client.PostAsync("/elsa/api/events/Go/trigger", TestApp.Json(new JsonObject { ["workflowInstanceId"] = instanceId, ["input"] = new JsonObject { ["limit"] = 1_000_000 } }));
            await Task.WhenAny(burst, Task.Delay(TimeSpan.FromSeconds(2)));
            Assert.False(burst.IsCompleted, "The burst finished before the kill; the test did not exercise a crash.");
            await host.KillAsync();
        }

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false"))
        {
            await db.OpenAsync();
            Assert.Equal("ok", await Scalar(db, "PRAGMA integrity_check"));
            Assert.Equal("Suspended", await Scalar(db, $"SELECT SubStatus FROM WorkflowInstances WHERE Id = '{instanceId}'"));
            Assert.Equal("1", await Scalar(db, $"SELECT COUNT(*) FROM Bookmarks WHERE WorkflowInstanceId = '{instanceId}'"));
        }

        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            var resumed = await client.PostAsync("/elsa/api/events/Go/trigger", TestApp.Json(new JsonObject { ["workflowInstanceId"] = instanceId, ["input"] = new JsonObject { ["limit"] = 5 } }));
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            var instance = JsonNode.Parse(await client.GetStringAsync($"/elsa/api/workflow-instances/{instanceId}"))!;
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var journal = JsonNode.Parse(await client.GetStringAsync($"/elsa/api/workflow-instances/{instanceId}/journal"))!["items"]!.AsArray();
            Assert.Equal(5, journal.Count(r => r!["activityId"]!.GetValue<string>() == "inc" && r["eventName"]!.GetValue<string>() == "Completed"));
        }
    }

    private const string DelayMailWorkflow = """
        {
          "id": "remind-v1", "definitionId": "remind", "name": "Remind", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "wait", "type": "Elsa.Delay", "version": 1, "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:03" } } },
              { "id": "mail", "type": "Elsa.SendEmail", "version": 1,
                "to": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"rehtori@koulu.example\"]" } },
                "subject": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Muistutus ' + getWorkflowInstanceId();" } },
                "body": { "typeName": "String", "expression": { "type": "Literal", "value": "<p>Hei!</p>" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "mail", "port": "In" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task KillWithPendingTimersAndMail_EveryTimerFiresOnceAndEveryMailArrivesOnce()
    {
        Directory.CreateDirectory(_folder);
        const int Instances = 30;
        var ids = new List<string>();
        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            ids.AddRange(await DispatchRemindersAsync(client, Instances));

            // Killed while the delays are pending (they are due three seconds after each start).
            await host.KillAsync();
        }

        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            await WaitUntilFinishedAsync(client, ids);
        }

        var mails = Directory.GetFiles(Path.Combine(_folder, "mail-pickup"), "*.eml");
        var subjects = mails.Select(f => MimeKit.MimeMessage.Load(f).Subject).ToList();
        Assert.Equal(ids.Select(id => "Muistutus " + id).Order(), subjects.Order());
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false");
        await db.OpenAsync();
        Assert.Equal("ok", await Scalar(db, "PRAGMA integrity_check"));
        Assert.Equal("0", await Scalar(db, "SELECT COUNT(*) FROM Bookmarks"));
    }

    [Fact]
    public async Task Sigterm_StopsCleanlyWithinSeconds_AndTheNextStartCarriesOn()
    {
        Directory.CreateDirectory(_folder);
        const int Instances = 20;
        var ids = new List<string>();
        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            ids.AddRange(await DispatchRemindersAsync(client, Instances));

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(30)));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopwatch.Elapsed}");
        }

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false"))
        {
            await db.OpenAsync();
            Assert.Equal("ok", await Scalar(db, "PRAGMA integrity_check"));
            Assert.Equal("0", await Scalar(db, "SELECT COUNT(*) FROM Outbox WHERE ClaimedAt IS NOT NULL")); // nothing left half-sent
        }

        using (var host = await StartHostAsync())
        {
            using var client = host.Client;
            await WaitUntilFinishedAsync(client, ids);
        }

        var subjects = Directory.GetFiles(Path.Combine(_folder, "mail-pickup"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f).Subject).ToList();
        Assert.Equal(ids.Select(id => "Muistutus " + id).Order(), subjects.Order());
    }

    /// <summary>Imports the reminder workflow and dispatches <paramref name="count"/> instances; returns their ids.</summary>
    private static async Task<List<string>> DispatchRemindersAsync(HttpClient client, int count)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(DelayMailWorkflow))).StatusCode);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var dispatch = await client.PostAsync("/elsa/api/workflow-definitions/remind/dispatch", TestApp.Json("{}"));
            ids.Add(JsonNode.Parse(await dispatch.Content.ReadAsStringAsync())!["workflowInstanceId"]!.GetValue<string>());
        }

        return ids;
    }

    /// <summary>Waits (up to 90 s) until every instance has finished and the outbox is empty.</summary>
    private static async Task WaitUntilFinishedAsync(HttpClient client, List<string> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var finished = 0;
            foreach (var id in ids)
            {
                if (JsonNode.Parse(await client.GetStringAsync($"/elsa/api/workflow-instances/{id}"))!["subStatus"]!.GetValue<string>() == "Finished") finished++;
            }

            var outbox = JsonNode.Parse(await client.GetStringAsync("/api/outbox"))!["items"]!.AsArray().Count;
            if (finished == ids.Count && outbox == 0) return;
            Assert.True(DateTime.UtcNow < deadline, $"{finished} of {ids.Count} instances finished, {outbox} outbox messages left.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<string?> Scalar(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<HostProcess> StartHostAsync() => HostProcess.StartAsync(_folder, _apiKey);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
