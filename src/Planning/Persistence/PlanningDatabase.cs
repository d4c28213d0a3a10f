using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Planning.Persistence;

/// <summary>
/// Migrates the planning tables, after the engine's (<see cref="IModuleDatabase"/>). A database made before the module
/// had its own context already holds the tables, created by the engine's migrations of that time: the first planning
/// migration is then recorded as applied instead of run (docs/adr/0003).
/// </summary>
internal sealed partial class PlanningDatabase(IDbContextFactory<PlanningDbContext> contextFactory, IDbContextFactory<WorkflowsDbContext> instances, WorkflowStorage storage, ILogger<PlanningDatabase> logger) : IModuleDatabase
{
    /// <summary>A table the first planning migration creates; present without a planning history means "made by the engine".</summary>
    private const string AdoptedTable = "DirectoryPeople";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            var state = await Script.ApplyIfEmptyAsync(db, cancellationToken);
            if (state == SqliteSchemaScript.State.Empty)
            {
                LogCreatedFromScript(logger, Script.Migrations.Count);
                // Instances without planning tables (tables dropped by hand): their open seats are indexed as by the migration.
                if (await AnyInstanceAsync(db, cancellationToken)) LogSeatsIndexed(logger, await Approvals.ApprovalSeatIndex.RebuildAsync(instances, contextFactory, cancellationToken));
            }

            if (state != SqliteSchemaScript.State.Other) return;
        }

        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (!applied.Any() && await TableExistsAsync(db, AdoptedTable, cancellationToken))
        {
            var first = db.Database.GetMigrations().First();
            var version = typeof(DbContext).Assembly.GetName().Version?.ToString(3) ?? "10.0.0";
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, version)), cancellationToken);
            LogAdopted(logger, first);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0) LogMigrating(logger, pending.Count);
        await db.Database.MigrateAsync(cancellationToken);
        // The seat index is new in an existing database: fill it from the instances already running.
        if (pending.Any(m => m.EndsWith("_ApprovalSeats", StringComparison.Ordinal)))
            LogSeatsIndexed(logger, await Approvals.ApprovalSeatIndex.RebuildAsync(instances, contextFactory, cancellationToken));
    }

    /// <summary>The planning migrations as one SQLite script.</summary>
    internal static SqliteSchemaScript Script => field ??= SqliteSchemaScript.Load(typeof(PlanningDatabase).Assembly, "Opiskeluhuolto.Planning.SqliteSchema.sql", PlanningDbContext.HistoryTable);

    private static async Task<bool> AnyInstanceAsync(PlanningDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM \"WorkflowInstances\")";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<bool> TableExistsAsync(PlanningDbContext db, string table, CancellationToken cancellationToken)
    {
        var sql = storage.Provider == DatabaseProvider.PostgreSql
            ? "SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        return await db.Database.SqlQueryRaw<long>(sql, table).SingleAsync(cancellationToken) > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planning tables made by an earlier version adopted as migration {Migration}")]
    private static partial void LogAdopted(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Count} open approval seat(s) of running instances")]
    private static partial void LogSeatsIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Planning tables created with their {Count} migration(s)")]
    private static partial void LogCreatedFromScript(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} planning database migration(s)")]
    private static partial void LogMigrating(ILogger logger, int count);
}
