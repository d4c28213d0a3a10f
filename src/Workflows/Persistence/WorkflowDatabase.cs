using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Creates and migrates the database at start-up.</summary>
public sealed partial class WorkflowDatabase(IDbContextFactory<WorkflowsDbContext> contextFactory, WorkflowStorage storage, IEnumerable<IModuleDatabase> modules, ILogger<WorkflowDatabase> logger)
{
    // Arbitrary, fixed: the advisory lock every node takes around its start-up work on PostgreSQL.
    private const long StartupLockKey = 0x4F_48_57_46_5354; // "OHWF" "ST"

    /// <summary>
    /// Runs <paramref name="work"/> (migrations, imports, reconciliation) as the only node doing so: on PostgreSQL under a
    /// session advisory lock, so nodes that start at once take turns; the database is created first when missing. On
    /// SQLite (one process) it simply runs.
    /// </summary>
    public async Task RunExclusiveAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (storage.Provider != DatabaseProvider.PostgreSql)
        {
            await work(cancellationToken);
            return;
        }

        await EnsurePostgreSqlDatabaseAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", StartupLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await work(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", StartupLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private bool _databaseExists;

    /// <summary>
    /// Creates the PostgreSQL database named in the connection string when it does not exist (races with other nodes are
    /// fine). Checked once per process: start-up asks twice (lock, then migrations).
    /// </summary>
    private async Task EnsurePostgreSqlDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_databaseExists) return;
        await CreatePostgreSqlDatabaseIfMissingAsync(cancellationToken);
        _databaseExists = true;
    }

    private async Task CreatePostgreSqlDatabaseIfMissingAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database is missing: create it from the maintenance database.
        }

        var name = target.Database ?? throw new InvalidOperationException("ConnectionStrings:Workflows must name a Database for PostgreSQL.");
        var maintenance = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogCreated(logger, name);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it first.
        }
    }

    /// <summary>
    /// Applies pending migrations (creating the database, or the SQLite file and its folder, when missing): the engine's,
    /// then each module's.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await MigrateEngineAsync(cancellationToken);
        foreach (var module in modules) await module.MigrateAsync(cancellationToken);
    }

    private async Task MigrateEngineAsync(CancellationToken cancellationToken)
    {
        if (storage.Provider == DatabaseProvider.PostgreSql) await EnsurePostgreSqlDatabaseAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (storage.Provider == DatabaseProvider.Sqlite && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
            // An empty file is an empty database to SQLite. Created here, EF's check for the database does not throw and
            // catch on a missing file at every first start (no measurable change in the start's time; issue 20).
            if (file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) && !File.Exists(file)) await using (File.Create(file)) { }
        }
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            var state = await Script.ApplyIfEmptyAsync(db, cancellationToken);
            if (state == SqliteSchemaScript.State.Empty) LogCreatedFromScript(logger, Script.Migrations.Count);
            if (state != SqliteSchemaScript.State.Other) return;
        }

        if (storage.Provider == DatabaseProvider.PostgreSql)
        {
            // Created up front: otherwise EF's first look at an empty database logs a failed query an operator would worry about.
            var history = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>(db);
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0) LogMigrating(logger, pending.Count);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The engine's migrations as one SQLite script.</summary>
    internal static SqliteSchemaScript Script => field ??= SqliteSchemaScript.Load(typeof(WorkflowDatabase).Assembly, "Opiskeluhuolto.Workflows.SqliteSchema.sql");

    /// <summary>
    /// Copies the live SQLite database to <paramref name="target"/> with SQLite's online backup API: a consistent
    /// snapshot taken while the service keeps running (writers wait only for the page copy). The copy is checked with
    /// <c>PRAGMA integrity_check</c> before it is reported; returns its size in bytes.
    /// </summary>
    public async Task<long> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection() is not Microsoft.Data.Sqlite.SqliteConnection source)
            throw new NotSupportedException("Online backup is for the SQLite store; back up PostgreSQL with pg_dump.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var temporary = target + ".partial";
        File.Delete(temporary);
        // Opened through EF, which closes it again when the (pooled) context goes back.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temporary};Pooling=false"))
        {
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            if (await check.ExecuteScalarAsync(cancellationToken) is not "ok") throw new InvalidOperationException("The backup copy failed its integrity check.");
        }

        File.Move(temporary, target, overwrite: true);
        LogBackedUp(logger, target);
        return new FileInfo(target).Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL database {Name} created")]
    private static partial void LogCreated(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database backed up to {Target}")]
    private static partial void LogBackedUp(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database created with its {Count} migration(s)")]
    private static partial void LogCreatedFromScript(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s)")]
    private static partial void LogMigrating(ILogger logger, int count);
}
