using System.Globalization;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// <c>POST /api/backups</c> (admin): an online, consistent copy of the SQLite database into
/// <c>&lt;DataFolder&gt;/backups/workflows-&lt;UTC time&gt;.db</c>, integrity-checked. Restore: stop the service, put the copy in
/// place of <c>workflows.db</c> (remove <c>workflows.db-wal</c> and <c>-shm</c>), start it; keep the <c>keys/</c> folder
/// with the backups so signed links stay valid.
/// </summary>
public static class BackupApi
{
    /// <summary>Maps the route.</summary>
    public static RouteGroupBuilder MapBackupApi(this RouteGroupBuilder api)
    {
        api.MapPost("/backups", BackupAsync).WithTags("Operations").WithName("BackupDatabase")
            .WithSummary("Takes an online, integrity-checked copy of the SQLite database into the data folder's backups/.");
        return api;
    }

    private static async Task<IResult> BackupAsync(WorkflowDatabase database, DataFolder folder, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = $"workflows-{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.db";
        var target = Path.Combine(folder.Path, "backups", name);
        try
        {
            var bytes = await database.BackupAsync(target, cancellationToken);
            return Results.Ok(new { file = Path.Combine("backups", name), bytes });
        }
        catch (NotSupportedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Not available");
        }
    }
}
