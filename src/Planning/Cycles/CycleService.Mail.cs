using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Cycles;

// The cycle's mail that has not reached people: what waits, what failed and why, and sending it again.
public sealed partial class CycleService
{
    private static readonly string[] MailKinds = [nameof(ApprovalMailEffect), nameof(MeetingMailEffect), nameof(TaskDigestMailEffect), nameof(SendEmailEffect)];

    /// <summary>
    /// A cycle's mail (and its child workflows'): what is still in the outbox, what reached the relay, and how many child
    /// workflows wait to be started — from one look at the cycle's tree; null when there is no such cycle.
    /// </summary>
    public async Task<CycleMailOverview?> MailAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await CycleTreeAsync(id, cancellationToken) is not { } ids) return null;
        return new CycleMailOverview(await PendingMailAsync(ids, cancellationToken), await SentMailAsync(ids, cancellationToken), await StartingAsync(ids, cancellationToken));
    }

    private async Task<IReadOnlyList<CycleMailItem>> PendingMailAsync(List<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.AsNoTracking().Where(o => o.WorkflowInstanceId != null && ids.Contains(o.WorkflowInstanceId) && MailKinds.Contains(o.Kind))
            .OrderByDescending(o => o.IsDeadLetter).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id).Take(500).ToListAsync(cancellationToken);
        return rows.Select(o =>
        {
            var (email, name, title, seat) = Describe(effects.Deserialize(o.Payload));
            var reason = o.IsDeadLetter ? ReasonOf(o.LastError) : o.LastError is null ? null : "relay";
            return new CycleMailItem(o.Id, o.Kind, email, name, title, o.IsDeadLetter ? "Failed" : "Waiting", reason, o.LastError, o.Attempts, o.CreatedAt, o.NextAttemptAt, seat);
        }).ToList();
    }

    /// <summary>
    /// Sends a failed mail of the cycle again, to the same address or to <paramref name="correctedEmail"/>. A corrected
    /// address of someone asked on an open request replaces the seat's address (the request goes to the new address at
    /// once and later reminders follow it), and the failed mail is dropped; any other mail is sent to the new address.
    /// </summary>
    public async Task<CycleProblem?> ResendMailAsync(string id, long mailId, string? correctedEmail, string? by, CancellationToken cancellationToken = default)
    {
        if (await CycleTreeAsync(id, cancellationToken) is not { } ids) return CycleProblem.Of(CycleProblemKind.NotFound, null, "cycle.notFound", id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Outbox.FirstOrDefaultAsync(o => o.Id == mailId && o.WorkflowInstanceId != null && ids.Contains(o.WorkflowInstanceId) && MailKinds.Contains(o.Kind), cancellationToken);
        if (row is null) return CycleProblem.Of(CycleProblemKind.NotFound, null, "mail.notFound", mailId);
        if (!row.IsDeadLetter) return CycleProblem.Of(CycleProblemKind.Closed, null, "mail.notFailed");
        var effect = effects.Deserialize(row.Payload);
        if (!string.IsNullOrWhiteSpace(correctedEmail))
        {
            var email = correctedEmail.Trim();
            if (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email) return Invalid("email", "email.required");
            if (effect is ApprovalMailEffect approval && await OpenRequestOfSeatAsync(ids, approval.SeatId, cancellationToken) is { } requestId)
            {
                var replaced = await AddOrReplaceAsync(id, requestId, new ParticipantRequest(email, approval.Recipient.Name, approval.Recipient.Language, approval.Recipient.Organisation, approval.SeatId), by, cancellationToken);
                if (replaced is not null) return replaced;
                db.Outbox.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }

            if (Readdressed(effect, email) is not { } readdressed) return CycleProblem.Of(CycleProblemKind.Closed, null, "mail.notFailed");
            row.Payload = effects.Serialize(readdressed);
        }

        row.IsDeadLetter = false;
        row.Attempts = 0;
        row.LastError = null;
        row.NextAttemptAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        outboxSignal.Notify();
        return null;
    }

    private static (string? Email, string? Name, string? Title, string? Seat) Describe(WorkflowEffect? effect) => effect switch
    {
        ApprovalMailEffect a => (a.Recipient.Email, a.Recipient.Name, a.Title, a.SeatId),
        MeetingMailEffect m => (m.Recipient.Email, m.Recipient.Name, m.Title, null),
        TaskDigestMailEffect d => (d.Recipient.Email, d.Recipient.Name, null, null),
        SendEmailEffect s => (string.Join(", ", s.To), null, s.Subject, null),
        _ => (null, null, null, null),
    };

    private static WorkflowEffect? Readdressed(WorkflowEffect? effect, string email) => effect switch
    {
        ApprovalMailEffect a => a with { Recipient = Copy(a.Recipient, email) },
        MeetingMailEffect m => m with { Recipient = Copy(m.Recipient, email) },
        TaskDigestMailEffect d => d with { Recipient = Copy(d.Recipient, email) },
        SendEmailEffect s => s with { To = [email] },
        _ => null,
    };

    private static ApprovalPerson Copy(ApprovalPerson person, string email) =>
        new() { Email = email, Name = person.Name, Language = person.Language, Organisation = person.Organisation };

    /// <summary>Why a mail was given up, from the relay's words: bounced (a permanent 5xx), uncertain, or the relay.</summary>
    public static string ReasonOf(string? error) =>
        error is null ? "relay"
        : error.Contains("uncertain", StringComparison.OrdinalIgnoreCase) ? "uncertain"
        : System.Text.RegularExpressions.Regex.IsMatch(error, @"\b5\d\d\b") || error.Contains("permanent", StringComparison.OrdinalIgnoreCase) ? "bounced"
        : "relay";

    /// <summary>The state of instance <paramref name="id"/> when it is one of <paramref name="definitions"/>; null otherwise.</summary>
    private async Task<WorkflowState?> CycleStateAsync(string id, IReadOnlyList<string> definitions, CancellationToken cancellationToken) =>
        id.Length <= 64 && await store.LoadAsync(id, cancellationToken) is { } loaded && definitions.Contains(loaded.State.DefinitionId) ? loaded.State : null;

    /// <summary>Whether <paramref name="id"/> is a cycle or a steering-group year.</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await CycleStateAsync(id, DashboardDefinitionIds, cancellationToken) is not null;
    }

    /// <summary>The cycle (or steering-group year) and its child instances; null when there is no such cycle (or another workflow).</summary>
    private async Task<List<string>?> CycleTreeAsync(string id, CancellationToken cancellationToken)
    {
        if (await CycleStateAsync(id, DashboardDefinitionIds, cancellationToken) is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = new List<string> { id };
        ids.AddRange(await db.WorkflowInstances.AsNoTracking().Where(i => i.ParentWorkflowInstanceId == id).Select(i => i.Id).ToListAsync(cancellationToken));
        return ids;
    }

    private async Task<string?> OpenRequestOfSeatAsync(List<string> ids, string seatId, CancellationToken cancellationToken)
    {
        foreach (var instanceId in ids)
        {
            if (await store.LoadAsync(instanceId, cancellationToken) is not { } loaded || loaded.State.Status != WorkflowStatus.Running) continue;
            foreach (var (requestId, _, _, approval) in ApprovalTasks.InInstance(loaded.State))
            {
                if (approval.ActiveSeats.Any(s => s.SeatId == seatId && s.Decision is null)) return requestId;
            }
        }

        return null;
    }
}
