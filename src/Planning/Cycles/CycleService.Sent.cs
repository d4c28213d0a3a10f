using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Cycles;

// What reached people: the mail the outbox delivered (kept in SentEffects), per cycle and per person.
public sealed partial class CycleService
{
    /// <summary>Most sent mails listed for one cycle (newest first).</summary>
    public const int SentListLimit = 1000;

    private static readonly string[] PersonMailKinds = [.. MailKinds, nameof(Approvals.InboxLinkMailEffect)];

    /// <summary>The mail of the cycle tree <paramref name="ids"/> that reached the relay, newest first.</summary>
    private async Task<IReadOnlyList<SentMailItem>> SentMailAsync(List<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SentEffects.AsNoTracking().Where(s => s.WorkflowInstanceId != null && ids.Contains(s.WorkflowInstanceId))
            .OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id).Take(SentListLimit)
            .Select(s => new SentMailItem(s.Recipient, s.Kind, s.Title, s.QueuedAt, s.SentAt, s.WorkflowInstanceId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How far a cycle's start (or any later burst of child workflows) got: child workflows of the tree <paramref name="ids"/>
    /// (the cycle first) started, and those still waiting in the outbox to be started.
    /// </summary>
    private async Task<CycleStarting> StartingAsync(List<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Outbox.AsNoTracking().CountAsync(o => o.Kind == nameof(DispatchWorkflowEffect) && !o.IsDeadLetter && o.WorkflowInstanceId != null && ids.Contains(o.WorkflowInstanceId), cancellationToken);
        return new CycleStarting(ids.Count - 1, waiting);
    }

    /// <summary>
    /// For each of <paramref name="emails"/> (any case) that has any: the last mail that reached the relay and how many
    /// of their mails wait or have failed in the outbox. Keyed by the lower-case address.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PersonMailSummary>> MailByPersonAsync(IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var wanted = emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, PersonMailSummary>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = new Dictionary<string, SentMailItem>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(200))
        {
            var rows = await db.SentEffects.AsNoTracking().Where(s => chunk.Contains(s.Recipient))
                .GroupBy(s => s.Recipient)
                .Select(g => g.OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id).First())
                .ToListAsync(cancellationToken);
            foreach (var s in rows) last[s.Recipient] = new SentMailItem(s.Recipient, s.Kind, s.Title, s.QueuedAt, s.SentAt, s.WorkflowInstanceId);
        }

        // The outbox holds what has not reached anyone yet: few rows, read whole and matched by the address in each.
        var pending = await db.Outbox.AsNoTracking().Where(o => PersonMailKinds.Contains(o.Kind)).OrderBy(o => o.Id).Take(5000)
            .Select(o => new { o.Payload, o.IsDeadLetter }).ToListAsync(cancellationToken);
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        var set = wanted.ToHashSet(StringComparer.Ordinal);
        foreach (var row in pending)
        {
            foreach (var address in effects.Deserialize(row.Payload)?.Receipt()?.Recipients ?? [])
            {
                var key = address.Trim().ToLowerInvariant();
                if (!set.Contains(key)) continue;
                var counts = row.IsDeadLetter ? failed : waiting;
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return set.Where(e => last.ContainsKey(e) || waiting.ContainsKey(e) || failed.ContainsKey(e))
            .ToDictionary(e => e, e => new PersonMailSummary(last.GetValueOrDefault(e), waiting.GetValueOrDefault(e), failed.GetValueOrDefault(e)), StringComparer.Ordinal);
    }
}
