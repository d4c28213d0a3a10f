using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Persistence;

namespace Opiskeluhuolto.Planning.Cycles.Records;

/// <summary>A record as read back: documents numbered 1, 2, … in the order they were supplied.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Kind">Document, Decision or Attachment.</param>
/// <param name="Data">The recorded fields.</param>
/// <param name="RecordedBy">Who.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="Version">A document's version number; 0 for other kinds.</param>
public sealed record CycleRecordView(string Id, string Kind, JsonObject Data, string? RecordedBy, DateTimeOffset RecordedAt, int Version)
{
    /// <summary>A text field of the record.</summary>
    public string? this[string field] => Data[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>The records of a cycle: the plan's document versions, the county bodies' decisions, its attachment.</summary>
public sealed class CycleRecordStore(IDbContextFactory<PlanningDbContext> contexts, TimeProvider time)
{
    /// <summary>Every record of the cycle in the order made; documents carry their version number.</summary>
    public async Task<IReadOnlyList<CycleRecordView>> ListAsync(string cycleInstanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CycleRecords.AsNoTracking().Where(r => r.CycleInstanceId == cycleInstanceId).ToListAsync(cancellationToken);
        var version = 0;
        return [.. rows.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => new CycleRecordView(
            r.Id, r.Kind, JsonNode.Parse(r.Data) as JsonObject ?? [], r.RecordedBy, r.RecordedAt, r.Kind == CycleRecordKinds.Document ? ++version : 0))];
    }

    /// <summary>
    /// The records of the cycle <paramref name="workflow"/> belongs to as that workflow sees them now: those stored and
    /// those it made in the running burst (written with its commit).
    /// </summary>
    public async Task<IReadOnlyList<CycleRecordView>> ListAsync(Workflows.Runtime.WorkflowExecutionContext workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var stored = await ListAsync(CycleRecordWriter.CycleOf(workflow.State), cancellationToken);
        var version = stored.Count(r => r.Kind == CycleRecordKinds.Document);
        return [.. stored, .. CycleRecordWriter.PendingRecords(workflow).Select(r => r.Kind == CycleRecordKinds.Document ? r with { Version = ++version } : r)];
    }

    /// <summary>The coordinator supplies a new version of the plan document on the dashboard; false when the address is not a web address.</summary>
    public async Task<bool> AddDocumentAsync(string cycleInstanceId, string url, string? by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var address = url.Trim();
        if (!CycleRecordKinds.IsWebAddress(address) || address.Length > 2000) return false;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.CycleRecords.Add(new CycleRecord
        {
            Id = Workflows.Runtime.IdGenerator.New(), CycleInstanceId = cycleInstanceId, Kind = CycleRecordKinds.Document,
            Data = new JsonObject { ["documentUrl"] = address }.ToJsonString(), RecordedBy = by, RecordedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
