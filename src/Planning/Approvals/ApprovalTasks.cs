using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Persistence;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// Finds a person's approval tasks across planning cycles, for the participant's task inbox: open seats from running
/// instances and recent decisions from the audit trail. Addresses compare case-insensitively.
/// </summary>
public sealed class ApprovalTasks(IDbContextFactory<WorkflowsDbContext> contextFactory, IDbContextFactory<PlanningDbContext> directoryFactory)
{
    /// <summary>How far back decided tasks are listed.</summary>
    public static TimeSpan RecentWindow { get; } = TimeSpan.FromDays(90);

    /// <summary>Open tasks for <paramref name="email"/>, soonest due first.</summary>
    public async Task<IReadOnlyList<OpenApprovalTask>> OpenAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        // The seat index answers by equality; only the instances it names are read (none for an unknown address).
        var lower = email.Trim().ToLowerInvariant();
        List<string> ids;
        await using (var planning = await directoryFactory.CreateDbContextAsync(cancellationToken))
            ids = await planning.OpenSeats.Where(s => s.Email == lower).Select(s => s.WorkflowInstanceId).Distinct().ToListAsync(cancellationToken);
        if (ids.Count == 0) return [];
        var tasks = await OpenSeatsAsync(ids, cancellationToken);
        return tasks.TryGetValue(email.Trim(), out var mine) ? mine : [];
    }

    /// <summary>Whether anyone with the address is asked in an open seat (one indexed lookup, no instance read).</summary>
    public async Task<bool> HasOpenSeatAsync(string email, CancellationToken cancellationToken = default)
    {
        var lower = email.Trim().ToLowerInvariant();
        await using var planning = await directoryFactory.CreateDbContextAsync(cancellationToken);
        return await planning.OpenSeats.AnyAsync(s => s.Email == lower, cancellationToken);
    }

    /// <summary>Every person's open tasks (keyed by e-mail, case-insensitive), each list soonest due first.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<OpenApprovalTask>>> OpenForEveryoneAsync(CancellationToken cancellationToken = default) =>
        await OpenSeatsAsync(null, cancellationToken);

    private async Task<Dictionary<string, IReadOnlyList<OpenApprovalTask>>> OpenSeatsAsync(List<string>? instanceIds, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var running = WorkflowStatus.Running.ToString();
        var query = db.WorkflowInstances.AsNoTracking().Where(r => r.Status == running);
        if (instanceIds is not null) query = query.Where(r => instanceIds.Contains(r.Id));
        var rows = await query.Select(r => new { r.Id, r.Name, r.DefinitionId, r.Data }).ToListAsync(cancellationToken);
        var names = await DefinitionNamesAsync(db, rows.Select(r => r.DefinitionId), cancellationToken);
        var tasks = new Dictionary<string, List<OpenApprovalTask>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var state = JsonSerializer.Deserialize<WorkflowState>(row.Data, WorkflowJson.Options)!;
            foreach (var (ctx, approval) in Approvals(state))
            {
                foreach (var seat in approval.ActiveSeats.Where(s => s.Decision is null))
                {
                    var people = seat.DeputyAsked && seat.Deputy is not null && !Same(seat.Deputy.Email, seat.Member.Email) ? new[] { seat.Member, seat.Deputy } : [seat.Member];
                    foreach (var person in people)
                    {
                        var (title, description, documents) = Describe(ctx, person.Language);
                        var task = new OpenApprovalTask(row.Id, row.Name ?? names.GetValueOrDefault(row.DefinitionId) ?? row.DefinitionId, seat.SeatId,
                            title, description, approval.Documents.Count > 0 ? approval.Documents : documents, approval.DueAt, !ReferenceEquals(person, seat.Member), person.Language, person.Name, approval.Kind);
                        var key = person.Email.Trim();
                        if (!tasks.TryGetValue(key, out var list)) tasks[key] = list = [];
                        list.Add(task);
                    }
                }
            }
        }

        return tasks.ToDictionary(p => p.Key, p => (IReadOnlyList<OpenApprovalTask>)[.. p.Value.OrderBy(t => t.DueAt).ThenBy(t => t.Title, StringComparer.Ordinal)], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Decisions <paramref name="email"/> recorded within <see cref="RecentWindow"/> of <paramref name="now"/>, newest first.</summary>
    public async Task<IReadOnlyList<RecentApprovalDecision>> RecentAsync(string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var since = now - RecentWindow;
        var lower = email.ToLowerInvariant();
        var entries = await db.Audit.AsNoTracking()
            .Where(a => a.Event == "DecisionSubmitted" && a.Actor != null && a.Actor.ToLower() == lower && a.Timestamp >= since)
            .OrderByDescending(a => a.Timestamp).Take(50)
            .ToListAsync(cancellationToken);
        if (entries.Count == 0) return [];
        var ids = entries.Select(e => e.WorkflowInstanceId).Distinct().ToList();
        var instances = await db.WorkflowInstances.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Name, r.DefinitionId }).ToListAsync(cancellationToken);
        var names = await DefinitionNamesAsync(db, instances.Select(i => i.DefinitionId), cancellationToken);
        var cycle = instances.ToDictionary(i => i.Id, i => i.Name ?? names.GetValueOrDefault(i.DefinitionId) ?? i.DefinitionId);
        return [.. entries.Select(e => new RecentApprovalDecision(e.WorkflowInstanceId, cycle.GetValueOrDefault(e.WorkflowInstanceId) ?? e.WorkflowInstanceId,
            (e.Detail ?? "").Split(':')[0], e.Timestamp))];
    }

    /// <summary>Whether the address has any open or recent task (used to decide whether to send an inbox link).</summary>
    public async Task<(bool Known, string Language, string? Name)> LookupAsync(string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var open = await OpenAsync(email, cancellationToken);
        if (open.Count > 0) return (true, open[0].Language, open[0].PersonName);
        var recent = await RecentAsync(email, now, cancellationToken);
        return (recent.Count > 0, "fi", null);
    }

    /// <summary>The approval a seat belongs to in a stored instance, with what it is about; null if the seat is unknown.</summary>
    public static ApprovalTaskDetails? Find(WorkflowState state, string seatId, string language = "fi")
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (ctx, approval) in Approvals(state))
        {
            if (approval.Seats.FirstOrDefault(s => s.SeatId == seatId) is not { } seat) continue;
            var (title, description, documents) = Describe(ctx, language);
            return new ApprovalTaskDetails(title, description, approval.Documents.Count > 0 ? approval.Documents : documents, approval.DueAt, seat, state.Status == WorkflowStatus.Running && !seat.Removed, approval.Kind)
            {
                Record = approval.Record,
                Attendees = approval.Attendees,
            };
        }

        return null;
    }

    /// <summary>Every approval, statement or task now open in a stored instance, with what it is about.</summary>
    public static IReadOnlyList<(string RequestId, string Title, string? Description, ApprovalState Approval)> InInstance(WorkflowState state, string language = "fi")
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. Approvals(state).Select(x => { var (title, description, _) = Describe(x.Context, language); return (x.Context.Id, title, description, x.Approval); })];
    }

    internal static IEnumerable<(ActivityContextState Context, ApprovalState Approval)> Approvals(WorkflowState state) =>
        state.ActivityExecutionContexts
            .Where(c => c.Properties["Approval"] is not null)
            .Select(c => (c, c.Properties["Approval"]!.Deserialize<ApprovalState>(WorkflowJson.Options)!));

    private static (string Title, string? Description, List<string> Documents) Describe(ActivityContextState ctx, string language = "fi")
    {
        var inputs = ctx.ActivityState;
        string? Text(string name) => inputs?[name] is JsonValue v && v.TryGetValue<string>(out var t) && t.Length > 0 ? t : null;
        var suffix = language switch { "sv" => "Sv", "en" => "En", _ => null };
        var title = (suffix is null ? null : Text("title" + suffix)) ?? Text("title") ?? "";
        var description = (suffix is null ? null : Text("description" + suffix)) ?? Text("description");
        return (title, description, Documents(inputs));
    }

    private static List<string> Documents(JsonObject? inputs) =>
        inputs?["documents"] is JsonArray d ? d.Select(x => x?.GetValue<string>()).OfType<string>().ToList() : [];

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static async Task<Dictionary<string, string?>> DefinitionNamesAsync(WorkflowsDbContext db, IEnumerable<string> definitionIds, CancellationToken cancellationToken)
    {
        var ids = definitionIds.Distinct().ToList();
        var rows = await db.WorkflowDefinitions.AsNoTracking().Where(d => ids.Contains(d.DefinitionId) && d.IsLatest).Select(d => new { d.DefinitionId, d.Name }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DefinitionId).ToDictionary(g => g.Key, g => g.First().Name);
    }
}
