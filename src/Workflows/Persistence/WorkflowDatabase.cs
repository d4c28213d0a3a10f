using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Creates and migrates the database at start-up.</summary>
public sealed partial class WorkflowDatabase(IDbContextFactory<WorkflowsDbContext> contextFactory, ILogger<WorkflowDatabase> logger)
{
    /// <summary>Applies pending migrations (creating the database file and its folder when missing).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0) LogMigrating(logger, pending.Count);
        await db.Database.MigrateAsync(cancellationToken);
    }

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
        await source.OpenAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Database backed up to {Target}")]
    private static partial void LogBackedUp(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s)")]
    private static partial void LogMigrating(ILogger logger, int count);
}
