using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Persistence;
using Opiskeluhuolto.Planning.Persistence.PostgreSql;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>The module's own tables: generated migrations that keep up with the model, on both providers.</summary>
public sealed class PlanningDatabaseTests
{
    [Fact]
    public void Migrations_OfBothProviders_MatchTheModel()
    {
        using var sqlite = new PlanningDbContext(new DbContextOptionsBuilder<PlanningDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlPlanningDbContext(new DbContextOptionsBuilder<PostgreSqlPlanningDbContext>().UseNpgsql("Host=localhost;Database=model_check").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations lag behind the model: dotnet ef migrations add … --project src/Planning --context PlanningDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag behind the model: dotnet ef migrations add … --project src/Planning --context PostgreSqlPlanningDbContext");
        Assert.Equal(sqlite.Database.GetMigrations().Select(m => m[15..]), postgres.Database.GetMigrations().Select(m => m[15..]));
    }

    [Fact]
    public void SqliteScriptAndCompiledModel_AreWhatEfGeneratesNow()
    {
        using var db = new PlanningDbContext(new DbContextOptionsBuilder<PlanningDbContext>().UseSqlite("Data Source=:memory:", o => o.MigrationsHistoryTable(PlanningDbContext.HistoryTable)).Options);
        SchemaScriptCheck.AssertCurrent(db, PlanningDatabase.Script,
            "dotnet ef migrations script --project src/Planning --context PlanningDbContext -o src/Planning/Persistence/Migrations/SqliteSchema.sql");
        CompiledModelCheck.AssertCurrent(db, "src/Planning/Persistence/CompiledModel", "Opiskeluhuolto.Planning.Persistence.CompiledModel",
            "dotnet ef dbcontext optimize --project src/Planning --context PlanningDbContext --output-dir Persistence/CompiledModel --namespace Opiskeluhuolto.Planning.Persistence.CompiledModel");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task Directory_IsStoredAndRead_OnEachProvider(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider, services => services.AddPlanning());
        var directory = host.Services.GetRequiredService<PeopleDirectory>();

        await directory.ReplaceAsync("region", [new DirectoryPerson { Id = "p1", Email = "anna@kunta.example", Name = "Anna", Language = "sv" }],
            [new DirectoryRole { Role = "chair", PersonId = "p1" }], new DirectoryDataset { Kind = "region", Name = "Region", ImportedAt = host.Time.GetUtcNow(), Json = "{}" });

        var chair = Assert.Single(await directory.ResolveAsync("Chair"));
        Assert.Equal(("anna@kunta.example", "sv"), (chair.Member.Email, chair.Member.Language));
        Assert.Equal(host.Time.GetUtcNow(), (await directory.DatasetAsync("region"))!.ImportedAt);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PlanningDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}
