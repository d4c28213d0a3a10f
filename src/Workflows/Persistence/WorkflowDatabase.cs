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

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s)")]
    private static partial void LogMigrating(ILogger logger, int count);
}
