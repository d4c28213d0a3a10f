using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Carries out committed effects, retrying with exponential backoff and dead-lettering permanent failures.</summary>
public sealed partial class OutboxProcessor(IDbContextFactory<WorkflowsDbContext> contextFactory, IEnumerable<IWorkflowEffectHandler> handlers, TimeProvider timeProvider, ILogger<OutboxProcessor> logger)
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
            while (true)
            {
                List<OutboxMessage> batch;
                await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
                {
                    var now = timeProvider.GetUtcNow();
                    batch = await db.Outbox.AsNoTracking().Where(m => !m.IsDeadLetter && m.ClaimedAt == null && m.NextAttemptAt <= now).OrderBy(m => m.Id).Take(100).ToListAsync(cancellationToken);
                }

                if (batch.Count == 0)
                {
                    await using var depthDb = await contextFactory.CreateDbContextAsync(cancellationToken);
                    Diagnostics.WorkflowTelemetry.SetOutboxDepth(await depthDb.Outbox.CountAsync(m => !m.IsDeadLetter, cancellationToken));
                    return done;
                }

                var progressed = false;
                foreach (var message in batch)
                {
                    if (await ProcessAsync(message, cancellationToken))
                    {
                        done++;
                        progressed = true;
                    }
                }

                if (!progressed) return done;
            }
        }
        finally
        {
            _gate.Release();
        }
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
        if (handler is null) return false;

        // Claim first, committed, so that a crash during the effect is visible afterwards (and two dispatchers never both act).
        await using (var claimDb = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            var claimed = await claimDb.Outbox.Where(m => m.Id == message.Id && m.ClaimedAt == null && !m.IsDeadLetter)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, now), cancellationToken);
            if (claimed == 0) return false;
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
            .SetProperty(m => m.NextAttemptAt, next), cancellationToken);
    }

    /// <summary>
    /// After a restart: claims left by a crash are released when the effect is idempotent, otherwise dead-lettered as
    /// "delivery uncertain" (a mail is never sent twice behind anyone's back). Claims older than
    /// <paramref name="staleAfter"/> count as crashed.
    /// </summary>
    public async Task<int> RecoverClaimsAsync(TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        List<OutboxMessage> claimed;
        var cutoff = timeProvider.GetUtcNow() - staleAfter;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            claimed = await db.Outbox.AsNoTracking().Where(m => m.ClaimedAt != null && m.ClaimedAt <= cutoff && !m.IsDeadLetter).ToListAsync(cancellationToken);
        foreach (var message in claimed)
        {
            var effect = JsonSerializer.Deserialize<WorkflowEffect>(message.Payload, WorkflowJson.Options);
            var handler = effect is null ? null : _handlers.FirstOrDefault(h => h.CanHandle(effect));
            var safe = handler is not null && handler.IsIdempotent(effect!);
            LogRecovered(logger, message.Id, message.Kind, safe);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.IsDeadLetter, !safe)
                .SetProperty(m => m.LastError, m => safe ? m.LastError : "Delivery uncertain: the service stopped while sending. Retry to send it again (same Message-ID)."), cancellationToken);
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) was in progress when the service stopped; released for retry: {Released}")]
    private static partial void LogRecovered(ILogger logger, long messageId, string kind, bool released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) of workflow instance {WorkflowInstanceId} failed (attempt {Attempt}, dead letter: {DeadLetter})")]
    private static partial void LogFailure(ILogger logger, Exception exception, long messageId, string kind, string? workflowInstanceId, int attempt, bool deadLetter);
}
