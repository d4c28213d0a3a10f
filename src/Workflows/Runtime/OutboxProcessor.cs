using System.Data.Common;
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
    WorkflowWriter writer,
    WorkflowEffectSerializer effects,
    IEnumerable<IWorkflowEffectHandler> handlers,
    WorkflowStorage storage,
    ClusterNodes nodes,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<WorkflowEngineOptions> options,
    ILogger<OutboxProcessor> logger)
{
    /// <summary>Attempts before a message is dead-lettered.</summary>
    public const int MaxAttempts = 8;

    // Dispatches start a child by its instance id: doing one twice is harmless and they do not depend on each other,
    // so they are claimed in batches and started side by side (their first bursts share the writer's commits).
    private const string BatchKind = nameof(DispatchWorkflowEffect);
    private const int BatchSize = 64;
    private const int ConcurrentDispatches = 8;

    /// <summary>
    /// Messages one claim takes (the oldest due; dispatches are claimed <c>64</c> at a time): a commit (its fsync, the
    /// pages it rewrites, the round trip to the writer) is shared by this many mails. A lane carries out its claim one
    /// message after the other — one relay connection per lane, as a plain MailKit client sends. One commit per mail in
    /// 8 lanes cost 95–154 µs CPU per mail on top of the sending and held the outbox to 0.58–0.59 × raw MailKit on the
    /// same connections (measured in rounds); 8 mails per claim 0.67–0.81 ×, 16 (with <see cref="Lookahead"/>)
    /// 0.795–0.826 × (docs/benchmarks.md).
    /// </summary>
    public const int MailsPerClaim = 16;

    /// <summary>
    /// Messages of a claim still to go when the lane writes its next claim (with the outcomes it has so far): enough
    /// sends to cover a commit, so the connection seldom waits for one (a lookahead of 4 measured 0.77 ×, 8 0.80 ×). With
    /// <see cref="MailsPerClaim"/> it sets what a kill can leave uncertain (<see cref="InHand"/>).
    /// </summary>
    public const int Lookahead = 8;

    private readonly IReadOnlyList<IWorkflowEffectHandler> _handlers = handlers.ToList();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _lanes = options.Value.OutboxLanes; // validated 1–MaxOutboxLanes
    private string? _claimOldest;
    private string? _claimBatch;

    /// <summary>
    /// How many messages a process holds claimed at most (<see cref="WorkflowEngineOptions.OutboxLanes"/> lanes, each
    /// with the claim it is carrying out and either the next one or the last <see cref="Lookahead"/> sent of the one
    /// before, not yet recorded): so how many mails a killed process can leave "delivery uncertain" — 48 with two relay
    /// connections (was 8 with a commit per mail). A stop that is not a kill hands back every message it has not begun.
    /// </summary>
    public int MaxInHand => InHand(_lanes);

    /// <summary><see cref="MaxInHand"/> for <paramref name="lanes"/> lanes.</summary>
    public static int InHand(int lanes) => lanes * (MailsPerClaim + Lookahead);

    /// <summary>Processes every due message once; returns how many were completed.</summary>
    /// <remarks>
    /// Every message is claimed in a committed write before its effect starts, so a crash during the effect is visible
    /// afterwards and two dispatchers (threads or nodes) never take the same message. The outcomes of one claim (delete,
    /// retry later, hand back) are written together with a later claim. <see cref="WorkflowEngineOptions.OutboxLanes"/>
    /// lanes drain the queue side by side; messages of one instance still go one after the other, in order.
    /// </remarks>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var skipped = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
            var done = (await Task.WhenAll(Enumerable.Range(0, _lanes).Select(_ => new Lane(this, skipped, cancellationToken).DrainAsync()))).Sum();
            await using var depthDb = await contextFactory.CreateDbContextAsync(cancellationToken);
            Diagnostics.WorkflowTelemetry.SetOutboxDepth(await depthDb.Outbox.CountAsync(m => !m.IsDeadLetter, cancellationToken));
            return done;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Outcome HandedBack(OutboxMessage message) => new(message, Done: false, null, false, default);

    /// <summary>
    /// One write: records the outcomes of the previous claim, then claims the next due messages — a batch of
    /// <paramref name="kind"/> when the previous claim was of a kind that is claimed in batches, else the oldest due
    /// message. Due messages are taken in the order of the (is-dead-letter, next-attempt) index, whose entries end with
    /// the id: no sort of the whole queue per claim (that made each claim cost as much as the queue is long). A message
    /// waits while an older message of its workflow instance is in flight (in another lane or on another node), so one
    /// instance's mails go out in the order it wrote them; a failed one waiting for its retry does not hold the rest. On
    /// PostgreSQL rows being claimed by another node are skipped (<c>FOR UPDATE SKIP LOCKED</c>) rather
    /// than waited for; SQLite has one writer at a time anyway.
    /// </summary>
    private Task<List<OutboxMessage>> SettleAndClaimAsync(IEnumerable<Outcome> outcomes, string? kind, List<long> skipped, bool claimMore)
    {
        var settle = Settlement(outcomes);
        var now = timeProvider.GetUtcNow().UtcTicks;
        var exclude = skipped.Count == 0 ? "" : $" AND \"Id\" NOT IN ({string.Join(',', skipped.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        var skipLocked = storage.Provider == DatabaseProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        // Without skipped messages the two claims' texts never change: written once (they were built for every mail).
        string Claim(string filter, int limit) => (exclude.Length, limit) switch
        {
            (0, MailsPerClaim) => _claimOldest ??= Write(filter, limit),
            (0, BatchSize) => _claimBatch ??= Write(filter, limit),
            _ => Write(filter, limit),
        };
        string Write(string filter, int limit) => $$"""
            UPDATE "Outbox" SET "ClaimedAt" = @now, "ClaimedBy" = @node
            WHERE "Id" IN (SELECT o."Id" FROM "Outbox" o
                           WHERE o."IsDeadLetter" = FALSE AND o."ClaimedAt" IS NULL AND o."NextAttemptAt" <= @now{{exclude}}{{filter}}
                             AND NOT EXISTS (SELECT 1 FROM "Outbox" f
                                             WHERE f."ClaimedAt" IS NOT NULL AND f."WorkflowInstanceId" = o."WorkflowInstanceId" AND f."Id" < o."Id")
                           ORDER BY o."NextAttemptAt", o."Id" LIMIT {{limit}}{{skipLocked}})
            RETURNING "Id", "WorkflowInstanceId", "Kind", "Payload", "Attempts", "CreatedAt"
            """;

        return writer.WriteAsync(async (connection, transaction, ct) =>
        {
            await settle.ExecuteAsync(connection, transaction, ct);
            if (!claimMore) return [];
            var claimed = kind is null ? [] : await ClaimAsync(connection, transaction, Claim(" AND \"Kind\" = @kind", BatchSize), now, kind, skipped.Count == 0, ct);
            if (claimed.Count == 0) claimed = await ClaimAsync(connection, transaction, Claim("", MailsPerClaim), now, null, skipped.Count == 0, ct);
            return claimed;
        }, CancellationToken.None);
    }

    /// <summary>The statements that record <paramref name="outcomes"/>: deleted with a receipt, retried later or dead-lettered, or handed back.</summary>
    private static SqlBatch Settlement(IEnumerable<Outcome> outcomes)
    {
        var settle = new SqlBatch();
        foreach (var outcome in outcomes)
        {
            if (outcome.Done)
            {
                settle.Add("""DELETE FROM "Outbox" WHERE "Id" = {0}""", outcome.Message.Id);
                AddReceipt(settle, outcome);
            }
            else if (outcome.Error is null) settle.Add("""UPDATE "Outbox" SET "ClaimedAt" = NULL, "ClaimedBy" = NULL WHERE "Id" = {0}""", outcome.Message.Id);
            else
            {
                settle.Add("""
                    UPDATE "Outbox" SET "Attempts" = {0}, "IsDeadLetter" = {1}, "LastError" = {2}, "ClaimedAt" = NULL, "ClaimedBy" = NULL, "NextAttemptAt" = {3}
                    WHERE "Id" = {4}
                    """, outcome.Message.Attempts + 1, outcome.DeadLetter, outcome.Error, outcome.NextAttemptAt, outcome.Message.Id);
            }
        }

        return settle;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DbConnection connection, DbTransaction transaction, string sql, long now, string? kind, bool reused, CancellationToken cancellationToken)
    {
        // On the SQLite writer's connection a claim whose text recurs (no message skipped) is prepared once; a claim per
        // mail parsed it every time.
        var cache = reused ? StatementCache.Of(connection) : null;
        var command = cache?.Query(sql, AddParameters) ?? OneOff();
        try
        {
            command.Transaction = transaction;
            command.Parameters["@now"].Value = now;
            command.Parameters["@node"].Value = storage.NodeId;
            if (kind is not null) command.Parameters["@kind"].Value = kind;
            var claimed = new List<OutboxMessage>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new OutboxMessage
                {
                    Id = reader.GetInt64(0), WorkflowInstanceId = reader.IsDBNull(1) ? null : reader.GetString(1), Kind = reader.GetString(2),
                    Payload = reader.GetString(3), Attempts = reader.GetInt32(4), CreatedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                });
            }

            claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
            return claimed;
        }
        finally
        {
            if (cache is null) await command.DisposeAsync();
        }

        DbCommand OneOff()
        {
            var created = connection.CreateCommand();
            created.CommandText = sql;
            AddParameters(created);
            return created;
        }

        void AddParameters(DbCommand created)
        {
            SqlBatch.AddParameter(created, "@now", now);
            SqlBatch.AddParameter(created, "@node", storage.NodeId);
            if (kind is not null) SqlBatch.AddParameter(created, "@kind", kind);
        }
    }

    private async Task<Outcome> CarryOutAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        WorkflowEffect? effect;
        try
        {
            effect = effects.Deserialize(message.Payload);
        }
        catch (JsonException e)
        {
            return Failed(message, e, permanent: true);
        }

        var handler = effect is null ? null : _handlers.FirstOrDefault(h => h.CanHandle(effect));
        if (handler is null) return HandedBack(message); // nothing here carries it out: handed back untouched

        try
        {
            await handler.HandleAsync(effect!, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(message, e, e is PermanentEffectException);
        }

        Diagnostics.WorkflowTelemetry.EffectsSent.Add(1, new KeyValuePair<string, object?>("outbox.kind", message.Kind));
        return new Outcome(message, Done: true, null, false, timeProvider.GetUtcNow()) { Receipt = effect!.Receipt() };
    }

    /// <summary>Keeps who a carried-out effect reached, in the same write that removes it from the outbox (one row per address).</summary>
    private static void AddReceipt(SqlBatch settle, Outcome outcome)
    {
        if (outcome.Receipt is not { } receipt) return;
        var title = receipt.Title is { Length: > 300 } whole ? whole[..300] : receipt.Title;
        foreach (var recipient in receipt.Recipients.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length is > 0 and <= 320).Distinct(StringComparer.Ordinal))
        {
            settle.Add("""
                INSERT INTO "SentEffects" ("OutboxId", "WorkflowInstanceId", "Kind", "Recipient", "Title", "QueuedAt", "SentAt")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
                """, outcome.Message.Id, outcome.Message.WorkflowInstanceId, outcome.Message.Kind, recipient, title, outcome.Message.CreatedAt, outcome.NextAttemptAt);
        }
    }

    private Outcome Failed(OutboxMessage message, Exception error, bool permanent)
    {
        var attempts = message.Attempts + 1;
        var dead = permanent || attempts >= MaxAttempts;
        var delay = TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, attempts)));
        LogFailure(logger, error, message.Id, message.Kind, message.WorkflowInstanceId, attempts, dead);
        Diagnostics.WorkflowTelemetry.EffectsFailed.Add(1, new KeyValuePair<string, object?>("outbox.kind", message.Kind), new KeyValuePair<string, object?>("outbox.dead_letter", dead));
        return new Outcome(message, Done: false, error.Message, dead, timeProvider.GetUtcNow() + delay);
    }

    /// <summary>
    /// What became of a claimed message: done (deleted; <see cref="NextAttemptAt"/> is when it was carried out), failed
    /// (retried later or dead-lettered), or handed back (no error).
    /// </summary>
    private sealed record Outcome(OutboxMessage Message, bool Done, string? Error, bool DeadLetter, DateTimeOffset NextAttemptAt)
    {
        /// <summary>Who a carried-out effect reached.</summary>
        public EffectReceipt? Receipt { get; init; }
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
            var effect = effects.Deserialize(message.Payload);
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
