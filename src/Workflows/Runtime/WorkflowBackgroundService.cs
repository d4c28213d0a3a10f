using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// Drives the engine in the background: recovers interrupted and dispatched instances, drains the outbox, retries
/// late signals and ticks the timer scheduler. Wakes on commits and at least every <see cref="PollInterval"/>.
/// </summary>
public sealed partial class WorkflowBackgroundService(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    WorkflowRuntime runtime,
    OutboxProcessor outbox,
    TimerScheduler timers,
    OutboxSignal signal,
    ClusterNodes nodes,
    WorkflowStorage storage,
    Management.WorkflowDefinitionService definitions,
    Alterations.AlterationPlans alterations,
    TimeProvider timeProvider,
    ILogger<WorkflowBackgroundService> logger) : BackgroundService
{
    /// <summary>Longest sleep between rounds.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            // Claims of processes that are gone (on SQLite: every claim made before this process started).
            await nodes.HeartbeatAsync(stoppingToken);
            await outbox.RecoverClaimsAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRoundFailed(logger, e);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e);
            }

            try
            {
                await Task.WhenAny(signal.WaitOutboxAsync(Timeout.InfiniteTimeSpan, stoppingToken), Task.Delay(PollInterval, timeProvider, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        try
        {
            await nodes.LeaveAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRoundFailed(logger, e);
        }
    }

    /// <summary>Writes the heartbeat when due; on a shared database also recovers the claims of nodes that went silent.</summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (!nodes.HeartbeatDue) return;
        await nodes.HeartbeatAsync(cancellationToken);
        if (!storage.IsShared) return;
        await outbox.RecoverClaimsAsync(cancellationToken);
        // Workflows usable as activities that another node published since.
        await definitions.RefreshActivityTypesIfChangedAsync(cancellationToken);
    }

    /// <summary>One round of background work (tests call it directly).</summary>
    public async Task RunRoundAsync(CancellationToken cancellationToken = default)
    {
        await HeartbeatAsync(cancellationToken);
        await RunPendingInstancesAsync(cancellationToken);
        await outbox.ProcessDueAsync(cancellationToken);
        await runtime.ProcessBookmarkQueueAsync(cancellationToken);
        await timers.TickAsync(cancellationToken);
        await alterations.ProcessAsync(cancellationToken: cancellationToken);
        await outbox.ProcessDueAsync(cancellationToken);
    }

    private async Task RunPendingInstancesAsync(CancellationToken cancellationToken)
    {
        List<string> ids;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.WorkflowInstances.AsNoTracking()
                .Where(x => x.Status == "Running" && (x.SubStatus == "Pending" || x.SubStatus == "Executing" || x.SubStatus == "Interrupted"))
                .OrderBy(x => x.CreatedAt).Select(x => x.Id).Take(1000).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            try
            {
                await runtime.RunPendingAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogInstanceFailed(logger, e, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running pending workflow instance {WorkflowInstanceId} failed")]
    private static partial void LogInstanceFailed(ILogger logger, Exception exception, string workflowInstanceId);
}
