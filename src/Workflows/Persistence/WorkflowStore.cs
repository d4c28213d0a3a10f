using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A loaded instance with the revision its commit must match.</summary>
public sealed record LoadedInstance(WorkflowState State, long Revision);

/// <summary>The instance's row changed since it was loaded: another burst ran on it.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException() { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Instance persistence: load, and commit a burst in one transaction.</summary>
public sealed class WorkflowStore(IDbContextFactory<WorkflowsDbContext> contextFactory)
{
    /// <summary>Loads an instance; null if unknown.</summary>
    public async Task<LoadedInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == instanceId, cancellationToken);
        if (record is null) return null;
        var state = JsonSerializer.Deserialize<WorkflowState>(record.Data, WorkflowJson.Options)!;
        return new LoadedInstance(state, record.Revision);
    }

    /// <summary>Writes an effect that does not belong to a burst (e.g. a mail asked for on a page) to the outbox.</summary>
    public async Task EnqueueAsync(WorkflowEffect effect, DateTimeOffset now, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Outbox.Add(new OutboxMessage
        {
            WorkflowInstanceId = instanceId, Kind = effect.GetType().Name, Payload = JsonSerializer.Serialize(effect, WorkflowJson.Options),
            CreatedAt = now, NextAttemptAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Commits a burst atomically: the instance row (checked against <paramref name="expectedRevision"/>; null for a new
    /// instance), the bookmark diff, journal, activity records, incidents and effects. Returns the new revision.
    /// </summary>
    public async Task<long> CommitAsync(WorkflowExecutionContext workflow, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var state = workflow.CaptureState();
        var data = JsonSerializer.Serialize(state, WorkflowJson.Options);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        long revision;
        if (expectedRevision is null)
        {
            revision = 1;
            db.WorkflowInstances.Add(ToRecord(state, data, revision));
        }
        else
        {
            revision = expectedRevision.Value + 1;
            var updated = await db.WorkflowInstances.Where(x => x.Id == state.Id && x.Revision == expectedRevision.Value)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Revision, revision)
                    .SetProperty(x => x.Data, data)
                    .SetProperty(x => x.Status, state.Status.ToString())
                    .SetProperty(x => x.SubStatus, state.SubStatus.ToString())
                    .SetProperty(x => x.CorrelationId, state.CorrelationId)
                    .SetProperty(x => x.Name, state.Name)
                    .SetProperty(x => x.IncidentCount, state.Incidents.Count)
                    .SetProperty(x => x.UpdatedAt, state.UpdatedAt)
                    .SetProperty(x => x.FinishedAt, state.FinishedAt), cancellationToken);
            if (updated == 0) throw new ConcurrencyConflictException($"Workflow instance {state.Id} was changed by another burst.");
        }

        var removed = workflow.RemovedBookmarkIds.ToList();
        if (removed.Count > 0) await db.Bookmarks.Where(b => removed.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
        if (workflow.Status == WorkflowStatus.Finished)
            await db.Bookmarks.Where(b => b.WorkflowInstanceId == state.Id).ExecuteDeleteAsync(cancellationToken);
        else
        {
            foreach (var b in workflow.AddedBookmarks) db.Bookmarks.Add(ToRecord(b, state));
            if (expectedRevision is not null && workflow.CorrelationIdChanged)
                await db.Bookmarks.Where(b => b.WorkflowInstanceId == state.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CorrelationId, state.CorrelationId), cancellationToken);
        }

        foreach (var r in workflow.ExecutionLog)
        {
            db.ExecutionLog.Add(new ExecutionLogEntity
            {
                Id = r.Id, WorkflowInstanceId = r.WorkflowInstanceId, Sequence = r.Sequence, ActivityId = r.ActivityId, NodeId = r.NodeId,
                ActivityType = r.ActivityType, EventName = r.EventName, Timestamp = r.Timestamp, Data = JsonSerializer.Serialize(r, WorkflowJson.Options),
            });
        }

        var records = workflow.ActivityRecords.ToList();
        if (records.Count > 0)
        {
            var ids = records.Select(r => r.Id).ToList();
            // A new instance has no stored records yet: only later bursts need to ask which ones exist.
            var existing = expectedRevision is null
                ? new HashSet<string>(StringComparer.Ordinal)
                : (await db.ActivityExecutions.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var r in records)
            {
                var entity = new ActivityExecutionEntity
                {
                    Id = r.Id, WorkflowInstanceId = r.WorkflowInstanceId, ActivityId = r.ActivityId, ActivityNodeId = r.ActivityNodeId,
                    Status = r.Status.ToString(), StartedAt = r.StartedAt, CompletedAt = r.CompletedAt, Data = JsonSerializer.Serialize(r, WorkflowJson.Options),
                };
                if (existing.Contains(r.Id)) db.ActivityExecutions.Update(entity);
                else db.ActivityExecutions.Add(entity);
            }
        }

        foreach (var incident in workflow.NewIncidents)
        {
            db.Incidents.Add(new IncidentEntity
            {
                WorkflowInstanceId = state.Id, ActivityId = incident.ActivityId, ActivityType = incident.ActivityType, Message = incident.Message,
                Timestamp = incident.Timestamp, Data = JsonSerializer.Serialize(incident, WorkflowJson.Options),
            });
        }

        foreach (var effect in workflow.Effects)
        {
            db.Outbox.Add(new OutboxMessage
            {
                WorkflowInstanceId = state.Id,
                Kind = effect.GetType().Name,
                Payload = JsonSerializer.Serialize(effect, WorkflowJson.Options),
                CreatedAt = state.UpdatedAt,
                NextAttemptAt = state.UpdatedAt,
            });
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    private static WorkflowInstanceRecord ToRecord(WorkflowState state, string data, long revision) => new()
    {
        Id = state.Id,
        DefinitionId = state.DefinitionId,
        DefinitionVersionId = state.DefinitionVersionId,
        Version = state.DefinitionVersion,
        ParentWorkflowInstanceId = state.ParentWorkflowInstanceId,
        CorrelationId = state.CorrelationId,
        Name = state.Name,
        Status = state.Status.ToString(),
        SubStatus = state.SubStatus.ToString(),
        IncidentCount = state.Incidents.Count,
        CreatedAt = state.CreatedAt,
        UpdatedAt = state.UpdatedAt,
        FinishedAt = state.FinishedAt,
        Revision = revision,
        Data = data,
    };

    private static BookmarkRecord ToRecord(Bookmark b, WorkflowState state) => new()
    {
        Id = b.Id,
        Name = b.Name,
        Hash = b.Hash,
        WorkflowInstanceId = state.Id,
        ActivityInstanceId = b.ActivityInstanceId,
        ActivityNodeId = b.ActivityNodeId,
        CorrelationId = state.CorrelationId,
        DueAt = TimerActivityBase.TimerBookmarkNames.Contains(b.Name) ? TimerActivityBase.DueTime(b) : null,
        Payload = b.Payload?.ToJsonString(),
        Metadata = b.Metadata?.ToJsonString(),
        CreatedAt = b.CreatedAt,
    };
}
