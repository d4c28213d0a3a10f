using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>
/// The start-up path that skips EF's migrator on SQLite (issue 20): the embedded script is what EF writes for the
/// migrations, an empty database made from it equals one EF migrated, a current one is left alone, and anything else
/// still goes through EF. Also the compiled model, which must be regenerated with the model.
/// </summary>
public sealed class SqliteSchemaScriptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-schema-" + Guid.NewGuid().ToString("n"));

    public SqliteSchemaScriptTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void EmbeddedScript_IsWhatEfWritesForTheMigrations()
    {
        using var db = new WorkflowsDbContext(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite("Data Source=:memory:").Options);
        SchemaScriptCheck.AssertCurrent(db, WorkflowDatabase.Script,
            "dotnet ef migrations script --project src/Workflows --context WorkflowsDbContext -o src/Workflows/Persistence/Migrations/SqliteSchema.sql");
        Assert.Contains("WorkflowInstances", WorkflowDatabase.Script.Tables);
    }

    [Fact]
    public async Task EmptyDatabase_GetsTheSchemaEfMigrateMakes_AndACurrentOneIsLeftAlone()
    {
        var byEf = Path.Combine(_folder, "ef.db");
        await using (var db = Context(byEf)) await db.Database.MigrateAsync();
        var byScript = Path.Combine(_folder, "script.db");
        await MigrateAsync(byScript);

        Assert.Equal(Schema(byEf).Where(x => x.Name != "__EFMigrationsLock"), Schema(byScript));
        Assert.Equal(Rows(byEf, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"), Rows(byScript, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"));
        // Started again on a current database: EF's migrator (which makes its lock table) does not run.
        await MigrateAsync(byScript);
        Assert.DoesNotContain(Schema(byScript), x => x.Name == "__EFMigrationsLock");
    }

    [Fact]
    public async Task DatabasePartWay_IsFinishedByEf()
    {
        var file = Path.Combine(_folder, "partway.db");
        await MigrateAsync(file);
        var last = WorkflowDatabase.Script.Migrations[^1];
        Execute(file, $"DROP TABLE SentEffects; DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{last}'");

        await MigrateAsync(file);

        Assert.Contains(Schema(file), x => x.Name == "SentEffects");
        Assert.Contains(last, Rows(file, "SELECT MigrationId FROM __EFMigrationsHistory"));
    }

    [Fact]
    public void CompiledModel_IsWhatEfGeneratesForTheModel()
    {
        using var db = new WorkflowsDbContext(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite("Data Source=:memory:").Options);
        CompiledModelCheck.AssertCurrent(db, "src/Workflows/Persistence/CompiledModel", "Opiskeluhuolto.Workflows.Persistence.CompiledModel",
            "dotnet ef dbcontext optimize --project src/Workflows --context WorkflowsDbContext --output-dir Persistence/CompiledModel --namespace Opiskeluhuolto.Workflows.Persistence.CompiledModel");
        Assert.IsType<Persistence.CompiledModel.WorkflowsDbContextModel>(db.Model, exactMatch: false);
    }

    private static WorkflowsDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite($"Data Source={file}").Options);

    private static async Task MigrateAsync(string file)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflowEngine(new WorkflowStorage(DatabaseProvider.Sqlite, $"Data Source={file}"));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
    }

    private static List<(string Type, string Name, string? Sql)> Schema(string file)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string?)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return rows;
    }

    private static List<string> Rows(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static void Execute(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        return connection;
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
