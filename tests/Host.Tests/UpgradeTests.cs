using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning;
using Opiskeluhuolto.Workflows;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// A database made by main before the planning module had its own tables (commit a030096: every engine migration, the
/// demo directory imported, an instance waiting on the event <c>Go</c>) is opened by this build: it migrates in place,
/// the directory survives, and the instance resumes and finishes.
/// </summary>
public sealed class UpgradeTests
{
    private const string WaitingInstance = "0583bd9ddbb4110d";

    [Fact]
    public async Task DatabaseOfThePreviousLayout_MigratesInPlace_InstanceResumesAndFinishes()
    {
        await using var app = new TestApp();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Upgrade", "main-before-planning.db"), Path.Combine(app.DataFolder, "workflows.db"));
        using var admin = app.Admin();

        var directory = app.Services.GetRequiredService<PeopleDirectory>();
        Assert.Contains(await directory.DatasetsAsync(), d => d.Source == "keski-suomi-2023");
        Assert.Contains(await directory.RolesAsync(), r => r.Role == "cooperationGroupMember" && r.Holders > 0);

        var trigger = await admin.PostJsonAsync("/elsa/api/events/Go/trigger", new JsonObject { ["workflowInstanceId"] = WaitingInstance, ["input"] = new JsonObject { ["answer"] = 42 } });
        Assert.True(trigger.IsSuccessStatusCode, await trigger.Content.ReadAsStringAsync());
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{WaitingInstance}")).JsonAsync();
        Assert.Equal("Finished", instance["status"]?.GetValue<string>());
        Assert.Equal(42, instance["workflowState"]?["output"]?["Answer"]?.GetValue<int>());

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "workflows.db")};Pooling=false");
        await connection.OpenAsync();
        Assert.Equal(["20261206200116_Directory", "20261207013547_ApprovalSeats", "20261207070314_CycleRecords"], await ColumnAsync(connection, "SELECT MigrationId FROM __PlanningMigrationsHistory ORDER BY MigrationId"));
    }

    [Fact]
    public async Task UpgradedDatabase_HasTheSchemaOfAFreshOne()
    {
        var upgraded = Path.Combine(Path.GetTempPath(), "wf-upgrade-" + Guid.NewGuid().ToString("n") + ".db");
        var fresh = Path.Combine(Path.GetTempPath(), "wf-fresh-" + Guid.NewGuid().ToString("n") + ".db");
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Upgrade", "main-before-planning.db"), upgraded);
            await MigrateAsync(upgraded);
            await MigrateAsync(fresh);
            Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(upgraded));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(upgraded);
            File.Delete(fresh);
        }
    }

    private static async Task MigrateAsync(string file)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWorkflowEngine($"Data Source={file}");
        services.AddPlanning();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
    }

    /// <summary>Every table of the engine and the module with its columns (name, type, null, key) and its indexes.</summary>
    private static async Task<List<string>> SchemaAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'QRTZ%' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name");
        var schema = new List<string>();
        foreach (var table in tables)
        {
            schema.AddRange((await ColumnAsync(connection, $"SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('{table}')")).Order(StringComparer.Ordinal).Select(c => $"{table}.{c}"));
            schema.AddRange((await ColumnAsync(connection, $"SELECT name || ' ' || \"unique\" || ' ' || partial FROM pragma_index_list('{table}')")).Order(StringComparer.Ordinal).Select(i => $"{table} index {i}"));
        }

        return schema;
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
