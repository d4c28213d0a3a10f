using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// 1,000 waiting instances of a two-version workflow are moved v1 → v2 by a submitted plan, and the real Host is killed
/// with SIGKILL while the plan runs: every instance is then wholly on one version (state, row, bookmarks and journal
/// agree, and its job says so), the plan completes after the restart, each instance is migrated exactly once and
/// resumes on v2.
/// </summary>
public sealed class MigrationCrashTests : IDisposable
{
    private const int Instances = 1000;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-migrate-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private static string Version(int version, string after) => new JsonObject
    {
        ["id"] = $"kierros-v{version}", ["definitionId"] = "kierros", ["name"] = "Kierros", ["version"] = version, ["isPublished"] = true, ["isLatest"] = true,
        ["variables"] = new JsonArray(), ["inputs"] = new JsonArray(), ["options"] = new JsonObject(),
        ["root"] = Chart([Node("start", "Elsa.Start"), Event("wait", "jatka"), Line("after", after)], [Connect("start", "wait"), Connect("wait", "after")]),
    }.ToJsonString();

    [Fact]
    public async Task APlanKilledMidway_LeavesEachInstanceOnOneVersion_AndCompletesAfterRestart()
    {
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information" };
        string planId;
        using (var host = await HostProcess.StartAsync(_folder, _apiKey, settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(Version(1, "v1")))).StatusCode);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async lane =>
            {
                for (var i = lane; i < Instances; i += 8)
                    Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/workflow-definitions/kierros/execute", TestApp.Json("{}"))).StatusCode);
            }));
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(Version(2, "v2")))).StatusCode);
            var migrate = new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2 };
            var dry = JsonNode.Parse(await (await host.Client.PostAsync("/elsa/api/alterations/dry-run", TestApp.Json(new JsonObject
            {
                ["definitionIds"] = new JsonArray("kierros"), ["versions"] = new JsonArray(1), ["alterations"] = new JsonArray(migrate.DeepClone()),
            }))).Content.ReadAsStringAsync())!;
            Assert.Equal(Instances, dry["workflowInstanceIds"]!.AsArray().Count);
            Assert.All(dry["migrations"]!.AsArray(), m => Assert.True(m!["canMigrate"]!.GetValue<bool>()));

            planId = JsonNode.Parse(await (await host.Client.PostAsync("/elsa/api/alterations/submit", TestApp.Json(new JsonObject
            {
                ["alterations"] = new JsonArray(migrate.DeepClone()), ["filter"] = new JsonObject { ["definitionIds"] = new JsonArray("kierros"), ["versions"] = new JsonArray(1) },
            }))).Content.ReadAsStringAsync())!["planId"]!.GetValue<string>();

            // Killed once some jobs, not all, are done.
            while (await ScalarAsync("SELECT COUNT(*) FROM AlterationJobs WHERE Status = 'Completed'") < 20)
                Assert.False(host.Process.HasExited);
            await host.KillAsync();
        }

        var doneAtKill = await ScalarAsync("SELECT COUNT(*) FROM AlterationJobs WHERE Status = 'Completed'");
        Assert.InRange(doneAtKill, 20, Instances - 1);
        await AssertEachInstanceOnOneVersionAsync();

        using (var host = await HostProcess.StartAsync(_folder, _apiKey, settings))
        {
            JsonNode plan;
            do plan = JsonNode.Parse(await host.Client.GetStringAsync($"/elsa/api/alterations/{planId}"))!;
            while (plan["plan"]!["status"]!.GetValue<string>() != "Completed");
            Assert.Equal(Instances, plan["progress"]!["completed"]!.GetValue<int>());

            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/events/jatka/trigger", TestApp.Json("{}"))).StatusCode);
        }

        await AssertEachInstanceOnOneVersionAsync();
        Assert.Equal(Instances, await ScalarAsync("SELECT COUNT(*) FROM WorkflowInstances WHERE Version = 2 AND SubStatus = 'Finished'"));
        Assert.Equal(Instances, await ScalarAsync("SELECT COUNT(*) FROM WorkflowExecutionLog WHERE EventName = 'Migrated'"));
        Assert.Equal(Instances, await ScalarAsync("SELECT COUNT(*) FROM WorkflowExecutionLog WHERE ActivityId = 'after' AND EventName = 'Completed' AND Data LIKE '%\"v2\"%'"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM WorkflowExecutionLog WHERE Data LIKE '%\"v1\"%' AND ActivityId = 'after'"));
    }

    /// <summary>State, row, job and journal of every instance tell the same version.</summary>
    private async Task AssertEachInstanceOnOneVersionAsync()
    {
        await using var db = Open();
        Assert.Equal("ok", await TextAsync(db, "PRAGMA integrity_check"));
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT i.Id, i.Version, i.DefinitionVersionId, i.Data,
                   (SELECT COUNT(*) FROM WorkflowExecutionLog l WHERE l.WorkflowInstanceId = i.Id AND l.EventName = 'Migrated'),
                   (SELECT j.Status FROM AlterationJobs j WHERE j.WorkflowInstanceId = i.Id)
            FROM WorkflowInstances i
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            count++;
            var version = reader.GetInt32(1);
            var state = JsonNode.Parse(reader.GetString(3))!;
            Assert.Equal(version, state["definitionVersion"]!.GetValue<int>());
            Assert.Equal(reader.GetString(2), state["definitionVersionId"]!.GetValue<string>());
            Assert.Equal($"kierros-v{version}", reader.GetString(2));
            Assert.Equal(version == 2 ? 1 : 0, reader.GetInt32(4));
            Assert.Equal(version == 2 ? "Completed" : "Pending", reader.GetString(5));
        }

        Assert.Equal(Instances, count);
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false");
        db.Open();
        return db;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var db = Open();
        return long.Parse(await TextAsync(db, sql), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> TextAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

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
