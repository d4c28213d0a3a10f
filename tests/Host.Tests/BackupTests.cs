using System.Net;
using Microsoft.Data.Sqlite;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Online backup of the SQLite file while the service runs, and a restore from it into a fresh service.</summary>
public sealed class BackupTests
{
    private const string Waiting = """
        {
          "id": "wait-v1", "definitionId": "wait", "name": "Wait", "version": 1, "isPublished": true,
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [ { "id": "go", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Go" } } } ],
            "connections": [] }
        }
        """;

    [Fact]
    public async Task Backup_IsConsistentCopy_AndRestoresIntoANewService()
    {
        string backup, instanceId;
        var folder = Path.Combine(Path.GetTempPath(), "wf-restore-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        await using (var app = new TestApp())
        {
            await app.ImportAsync(Waiting);
            using var admin = app.Admin();
            instanceId = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/wait/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();

            var response = await admin.PostEmptyAsync("/api/backups");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            backup = Path.Combine(app.DataFolder, body["file"]!.GetValue<string>());
            Assert.True(body["bytes"]!.GetValue<long>() > 0);
            Assert.StartsWith(Path.Combine(app.DataFolder, "backups", "workflows-20261102T"), backup, StringComparison.Ordinal);

            await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=false");
            await copy.OpenAsync();
            await using var command = copy.CreateCommand();
            command.CommandText = "SELECT SubStatus FROM WorkflowInstances WHERE Id = $id";
            command.Parameters.AddWithValue("$id", instanceId);
            Assert.Equal("Suspended", await command.ExecuteScalarAsync());
            File.Copy(backup, Path.Combine(folder, "workflows.db"));
        }

        // Restore: the copy becomes the database of a new service, which carries on where the old one was.
        await using var restored = new TestApp(settings: new Dictionary<string, string> { ["DataFolder"] = folder });
        using var cleanup = new TemporaryFolder(folder);
        using var client = restored.Admin();
        var resumed = await client.PostJsonAsync("/elsa/api/events/Go/trigger", $$"""{"workflowInstanceId":"{{instanceId}}"}""");
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
    }

    private sealed record TemporaryFolder(string Path) : IDisposable
    {
        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
