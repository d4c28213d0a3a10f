using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>This process's heartbeat in <c>ClusterNodes</c>, and which nodes are alive.</summary>
public sealed partial class ClusterNodes(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    WorkflowStorage storage,
    IOptions<ClusterOptions> options,
    TimeProvider timeProvider,
    ILogger<ClusterNodes> logger)
{
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;

    /// <summary>This process's node id.</summary>
    public string NodeId => storage.NodeId;

    /// <summary>The settings.</summary>
    public ClusterOptions Options => options.Value;

    /// <summary>True when the heartbeat interval has passed since the last heartbeat.</summary>
    public bool HeartbeatDue => timeProvider.GetUtcNow() - _lastHeartbeat >= options.Value.HeartbeatInterval;

    /// <summary>Writes this node's heartbeat (registering it the first time) and forgets nodes gone for a day.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.ClusterNodes.Where(n => n.Id == storage.NodeId).ExecuteUpdateAsync(s => s.SetProperty(n => n.LastSeenAt, now), cancellationToken);
        if (updated == 0)
        {
            db.ClusterNodes.Add(new ClusterNode { Id = storage.NodeId, MachineName = Environment.MachineName, StartedAt = now, LastSeenAt = now });
            await db.SaveChangesAsync(cancellationToken);
            LogJoined(logger, storage.NodeId);
            var forgotten = now - TimeSpan.FromDays(1);
            await db.ClusterNodes.Where(n => n.LastSeenAt < forgotten).ExecuteDeleteAsync(cancellationToken);
        }

        _lastHeartbeat = now;
    }

    /// <summary>Ids of the nodes whose heartbeat is recent, this one included.</summary>
    public async Task<HashSet<string>> LiveNodeIdsAsync(CancellationToken cancellationToken = default)
    {
        var since = timeProvider.GetUtcNow() - options.Value.NodeTimeout;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.ClusterNodes.AsNoTracking().Where(n => n.LastSeenAt >= since).Select(n => n.Id).ToListAsync(cancellationToken);
        return [.. ids, storage.NodeId];
    }

    /// <summary>Removes this node's row on a clean stop (it has nothing claimed left).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.ClusterNodes.Where(n => n.Id == storage.NodeId).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} joined")]
    private static partial void LogJoined(ILogger logger, string nodeId);
}
