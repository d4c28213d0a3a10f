using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Persistence;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>Keeps <c>ApprovalSeats</c> in line with each committed instance: the people asked in its open seats while it runs.</summary>
internal sealed class ApprovalSeatIndex : IWorkflowCommitContributor
{
    /// <summary>State property that says whether the instance has rows in the index (absent: not known, as before it existed).</summary>
    private const string Marker = "ApprovalSeatsIndexed";

    public void Contribute(WorkflowState state, bool isNew, SqlBatch batch)
    {
        var rows = Rows(state).Distinct().ToList();
        // Most commits are of instances without seats: no statement at all for them once that is known.
        var had = state.Properties[Marker] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var indexed) ? indexed : (bool?)null;
        if (!isNew && had != false) batch.Add("""DELETE FROM "ApprovalSeats" WHERE "WorkflowInstanceId" = {0}""", state.Id);
        foreach (var (seatId, email) in rows)
            batch.Add("""INSERT INTO "ApprovalSeats" ("Email", "WorkflowInstanceId", "SeatId") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING""", email, state.Id, seatId);
        state.Properties[Marker] = rows.Count > 0;
    }

    /// <summary>The (seat, lower-cased address) pairs of a state: everyone asked in an undecided seat of a running instance.</summary>
    public static IEnumerable<(string SeatId, string Email)> Rows(WorkflowState state)
    {
        if (state.Status != WorkflowStatus.Running) yield break;
        foreach (var (_, approval) in ApprovalTasks.Approvals(state))
        {
            foreach (var seat in approval.ActiveSeats.Where(s => s.Decision is null))
            {
                if (seat.Member.Email is { Length: > 0 } member) yield return (seat.SeatId, member.Trim().ToLowerInvariant());
                if (seat.DeputyAsked && seat.Deputy?.Email is { Length: > 0 } deputy && !string.Equals(deputy.Trim(), seat.Member.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
                    yield return (seat.SeatId, deputy.Trim().ToLowerInvariant());
            }
        }
    }

    /// <summary>Fills the index from every running instance (once, when the table is created in an existing database).</summary>
    public static async Task<int> RebuildAsync(IDbContextFactory<WorkflowsDbContext> instances, IDbContextFactory<PlanningDbContext> planning, CancellationToken cancellationToken)
    {
        var running = WorkflowStatus.Running.ToString();
        var written = 0;
        string? after = null;
        while (true)
        {
            List<(string Id, string Data)> page;
            await using (var db = await instances.CreateDbContextAsync(cancellationToken))
            {
                var query = db.WorkflowInstances.AsNoTracking().Where(i => i.Status == running);
                if (after is not null) query = query.Where(i => string.Compare(i.Id, after) > 0);
                page = [.. (await query.OrderBy(i => i.Id).Take(500).Select(i => new { i.Id, i.Data }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.Data))];
            }

            if (page.Count == 0) return written;
            await using (var db = await planning.CreateDbContextAsync(cancellationToken))
            {
                foreach (var (id, data) in page)
                {
                    var state = JsonSerializer.Deserialize<WorkflowState>(data, WorkflowJson.Options)!;
                    foreach (var (seatId, email) in Rows(state).Distinct()) db.OpenSeats.Add(new OpenSeat { Email = email, WorkflowInstanceId = id, SeatId = seatId });
                }

                written += await db.SaveChangesAsync(cancellationToken);
            }

            after = page[^1].Id;
        }
    }
}
