using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Carries out committed effects, retrying with exponential backoff and dead-lettering permanent failures.</summary>
public sealed partial class OutboxProcessor(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    IEnumerable<IWorkflowEffectHandler> handlers,
    WorkflowStorage storage,
    ClusterNodes nodes,
    TimeProvider timeProvider,
    ILogger<OutboxProcessor> logger)
{
    /// <summary>Attempts before a message is dead-lettered.</summary>
    public const int MaxAttempts = 8;

    private readonly IReadOnlyList<IWorkflowEffectHandler> _handlers = handlers.ToList();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Processes every due message once; returns how many were completed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            var skipped = new List<long>();
            while (await ClaimNextAsync(skipped, cancellationToken) is { } message)
            {
                if (await ProcessAsync(message, cancellationToken)) done++;
                else skipped.Add(message.Id);
            }

            await using var depthDb = await contextFactory.CreateDbContextAsync(cancellationToken);
            Diagnostics.WorkflowTelemetry.SetOutboxDepth(await depthDb.Outbox.CountAsync(m => !m.IsDeadLetter, cancellationToken));
            return done;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Claims the oldest due message in one statement, committed before its effect starts, so that a crash during the
    /// effect is visible afterwards and two dispatchers (threads or nodes) never take the same message. On PostgreSQL
    /// rows being claimed by another node are skipped (<c>FOR UPDATE SKIP LOCKED</c>) rather than waited for; SQLite
    /// has one writer at a time anyway.
    /// </summary>
    private async Task<OutboxMessage?> ClaimNextAsync(List<long> skipped, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var exclude = skipped.Count == 0 ? "" : $" AND \"Id\" NOT IN ({string.Join(',', skipped.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        var skipLocked = storage.Provider == DatabaseProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE "Outbox" SET "ClaimedAt" = {0}, "ClaimedBy" = {1}
            WHERE "Id" = (SELECT "Id" FROM "Outbox"
                          WHERE "IsDeadLetter" = FALSE AND "ClaimedAt" IS NULL AND "NextAttemptAt" <= {0}{{exclude}}
                          ORDER BY "Id" LIMIT 1{{skipLocked}})
            RETURNING *
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Outbox.FromSqlRaw(sql, now, storage.NodeId).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    private async Task<bool> ProcessAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        WorkflowEffect? effect;
        try
        {
            effect = JsonSerializer.Deserialize<WorkflowEffect>(message.Payload, WorkflowJson.Options);
        }
        catch (JsonException e)
        {
            await FailAsync(message, e, permanent: true, cancellationToken);
            return false;
        }

        var handler = effect is null ? null : _handlers.FirstOrDefault(h => h.CanHandle(effect));
        if (handler is null)
        {
            // Nothing here carries it out: hand it back untouched.
            await using var releaseDb = await contextFactory.CreateDbContextAsync(cancellationToken);
            await releaseDb.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null), cancellationToken);
            return false;
        }

        try
        {
            await handler.HandleAsync(effect!, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(message, e, e is PermanentEffectException, cancellationToken);
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteDeleteAsync(cancellationToken);
        Diagnostics.WorkflowTelemetry.EffectsSent.Add(1, new KeyValuePair<string, object?>("outbox.kind", message.Kind));
        return true;
    }

    private async Task FailAsync(OutboxMessage message, Exception error, bool permanent, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var dead = permanent || attempts >= MaxAttempts;
        var delay = TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, attempts)));
        LogFailure(logger, error, message.Id, message.Kind, message.WorkflowInstanceId, attempts, dead);
        Diagnostics.WorkflowTelemetry.EffectsFailed.Add(1, new KeyValuePair<string, object?>("outbox.kind", message.Kind), new KeyValuePair<string, object?>("outbox.dead_letter", dead));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var next = timeProvider.GetUtcNow() + delay;
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.IsDeadLetter, dead)
            .SetProperty(m => m.LastError, error.Message)
            .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.NextAttemptAt, next), cancellationToken);
    }

    /// <summary>
    /// Recovers claims whose node is gone: released when the effect is idempotent, otherwise dead-lettered as "delivery
    /// uncertain" (a mail is never sent twice behind anyone's back). On one node (SQLite) every claim not made by this
    /// process belongs to a process that is gone; on a shared database, a claim belongs to a gone node when that node's
    /// heartbeat is older than <see cref="ClusterOptions.NodeTimeout"/>. Returns how many claims were recovered.
    /// </summary>
    public async Task<int> RecoverClaimsAsync(CancellationToken cancellationToken = default)
    {
        var me = storage.NodeId;
        List<OutboxMessage> claimed;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var query = db.Outbox.AsNoTracking().Where(m => m.ClaimedAt != null && !m.IsDeadLetter && m.ClaimedBy != me);
            if (storage.IsShared)
            {
                var live = await nodes.LiveNodeIdsAsync(cancellationToken);
                query = query.Where(m => m.ClaimedBy == null || !live.Contains(m.ClaimedBy));
            }

            claimed = await query.ToListAsync(cancellationToken);
        }

        var recovered = 0;
        foreach (var message in claimed)
        {
            var effect = JsonSerializer.Deserialize<WorkflowEffect>(message.Payload, WorkflowJson.Options);
            var handler = effect is null ? null : _handlers.FirstOrDefault(h => h.CanHandle(effect));
            var safe = handler is not null && handler.IsIdempotent(effect!);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            // Only while the claim is still the gone node's (another node may be recovering it at the same moment).
            var changed = await db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == message.ClaimedBy && m.ClaimedAt != null).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.IsDeadLetter, !safe)
                .SetProperty(m => m.LastError, m => safe ? m.LastError : "Delivery uncertain: the service stopped while sending. Retry to send it again (same Message-ID)."), cancellationToken);
            if (changed == 0) continue;
            LogRecovered(logger, message.Id, message.Kind, message.ClaimedBy, safe);
            recovered++;
        }

        return recovered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) was in progress on node {NodeId} when it stopped; released for retry: {Released}")]
    private static partial void LogRecovered(ILogger logger, long messageId, string kind, string? nodeId, bool released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) of workflow instance {WorkflowInstanceId} failed (attempt {Attempt}, dead letter: {DeadLetter})")]
    private static partial void LogFailure(ILogger logger, Exception exception, long messageId, string kind, string? workflowInstanceId, int attempt, bool deadLetter);
}
