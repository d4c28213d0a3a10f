using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Instance persistence: load, and commit a burst in one transaction.</summary>
public sealed class WorkflowStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WorkflowWriter writer, Activities.ActivityRegistry activities, WorkflowEffectSerializer effects,
    IEnumerable<IWorkflowCommitContributor> contributors)
{
    private readonly IWorkflowCommitContributor[] _contributors = [.. contributors];

    /// <summary>Loads an instance; null if unknown.</summary>
    public async Task<LoadedInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Only the two columns a burst needs, read straight from the connection (the hottest read of every resume).
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Data", "Revision" FROM "WorkflowInstances" WHERE "Id" = @id""";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = instanceId;
        command.Parameters.Add(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var state = JsonSerializer.Deserialize<WorkflowState>(reader.GetString(0), WorkflowJson.Options)!;
        return new LoadedInstance(state, reader.GetInt64(1));
    }

    /// <summary>Writes an effect that does not belong to a burst (e.g. a mail asked for on a page) to the outbox.</summary>
    public async Task EnqueueAsync(WorkflowEffect effect, DateTimeOffset now, string? instanceId = null, CancellationToken cancellationToken = default) =>
        await EnqueueAsync(effect, now, instanceId, null, cancellationToken);

    /// <summary>Queues an effect (none: only <paramref name="alongside"/>), committed together with <paramref name="alongside"/> (e.g. the audit row that records it).</summary>
    public async Task EnqueueAsync(WorkflowEffect? effect, DateTimeOffset now, string? instanceId, SqlBatch? alongside, CancellationToken cancellationToken = default)
    {
        var batch = alongside ?? new SqlBatch();
        if (effect is not null) AddOutboxRow(batch, instanceId, effect, now);
        await writer.WriteAsync((connection, transaction, ct) => batch.ExecuteAsync(connection, transaction, ct), cancellationToken);
    }

    private const string InsertInstance = """
        INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "Version", "ParentWorkflowInstanceId", "CorrelationId", "Name",
            "Status", "SubStatus", "IncidentCount", "IsSystem", "CreatedAt", "UpdatedAt", "FinishedAt", "Revision", "Data")
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15})
        """;

    private const string InsertBookmark = """
        INSERT INTO "Bookmarks" ("Id", "Name", "Hash", "WorkflowInstanceId", "ActivityInstanceId", "ActivityNodeId", "CorrelationId", "DueAt", "Payload", "Metadata", "CreatedAt")
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10})
        """;

    private const string UnlessThere = "\nON CONFLICT (\"Id\") DO NOTHING";

    private static void AddInstanceRow(SqlBatch batch, WorkflowState state, string data, bool unlessThere) =>
        batch.Add(unlessThere ? InsertInstance + UnlessThere : InsertInstance,
            state.Id, state.DefinitionId, state.DefinitionVersionId, state.DefinitionVersion, state.ParentWorkflowInstanceId, state.CorrelationId, state.Name,
            state.Status.ToString(), state.SubStatus.ToString(), state.Incidents.Count, false, state.CreatedAt, state.UpdatedAt, state.FinishedAt, 1L, data);

    private void AddBookmarkRow(SqlBatch batch, WorkflowState state, Bookmark b, bool unlessThere) =>
        batch.Add(unlessThere ? InsertBookmark + UnlessThere : InsertBookmark,
            b.Id, b.Name, b.Hash, state.Id, b.ActivityInstanceId, b.ActivityNodeId, state.CorrelationId,
            activities.TimerBookmarkNames.Contains(b.Name) ? TimerActivityBase.DueTime(b) : null, b.Payload?.ToJsonString(), b.Metadata?.ToJsonString(), b.CreatedAt);

    /// <summary>
    /// Stores an instance exported elsewhere (Studio's instance import) with its bookmarks and module rows, in one commit;
    /// false when an instance with its id exists already (it is left as it is).
    /// </summary>
    public async Task<bool> ImportAsync(WorkflowState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var row = new SqlBatch();
        AddInstanceRow(row, state, JsonSerializer.Serialize(state, WorkflowJson.Options), unlessThere: true);
        var batch = new SqlBatch();
        if (state.Status != WorkflowStatus.Finished)
        {
            foreach (var b in state.Bookmarks) AddBookmarkRow(batch, state, b, unlessThere: true);
        }

        foreach (var contributor in _contributors) contributor.Contribute(state, isNew: true, batch);
        return await writer.WriteAsync(async (connection, transaction, ct) =>
        {
            if (await row.ExecuteAsync(connection, transaction, ct) == 0) return false;
            await batch.ExecuteAsync(connection, transaction, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Commits a burst atomically: the instance row (checked against <paramref name="expectedRevision"/>; null for a new
    /// instance), the bookmark diff, journal, activity records, incidents and effects. Returns the new revision.
    /// </summary>
    /// <remarks>
    /// The statements are composed here, by the caller; the <see cref="WorkflowWriter"/> runs them in its transaction
    /// (on SQLite together with other bursts' commits): the instance row on its own (its row count tells a lost race),
    /// everything else as one multi-statement command (activity records as upserts, so no query for which exist). The
    /// SQL is the same on SQLite and PostgreSQL (<c>INSERT … ON CONFLICT</c> on both); the columns are those of the EF
    /// model, checked by the store tests on both providers.
    /// </remarks>
    public async Task<long> CommitAsync(WorkflowExecutionContext workflow, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var state = workflow.CaptureState();
        // Module rows first: a contributor may note in the state what it wrote (to know next time) before it is stored.
        var batch = new SqlBatch();
        foreach (var contributor in _contributors) contributor.Contribute(state, expectedRevision is null, batch);
        var data = JsonSerializer.Serialize(state, WorkflowJson.Options);
        long revision;
        var instanceRow = new SqlBatch();
        if (expectedRevision is null)
        {
            revision = 1;
            AddInstanceRow(instanceRow, state, data, unlessThere: false);
        }
        else
        {
            revision = expectedRevision.Value + 1;
            instanceRow.Add("""
                UPDATE "WorkflowInstances" SET "Revision" = {0}, "Data" = {1}, "Status" = {2}, "SubStatus" = {3}, "CorrelationId" = {4}, "Name" = {5},
                    "IncidentCount" = {6}, "UpdatedAt" = {7}, "FinishedAt" = {8}, "DefinitionVersionId" = {9}, "Version" = {10}
                WHERE "Id" = {11} AND "Revision" = {12}
                """,
                revision, data, state.Status.ToString(), state.SubStatus.ToString(), state.CorrelationId, state.Name,
                state.Incidents.Count, state.UpdatedAt, state.FinishedAt, state.DefinitionVersionId, state.DefinitionVersion, state.Id, expectedRevision.Value);
        }

        if (workflow.Status == WorkflowStatus.Finished)
        {
            if (expectedRevision is not null) batch.Add("""DELETE FROM "Bookmarks" WHERE "WorkflowInstanceId" = {0}""", state.Id);
        }
        else
        {
            if (workflow.BookmarksRewritten && expectedRevision is not null) batch.Add("""DELETE FROM "Bookmarks" WHERE "WorkflowInstanceId" = {0}""", state.Id);
            foreach (var removed in workflow.RemovedBookmarkIds) batch.Add("""DELETE FROM "Bookmarks" WHERE "Id" = {0}""", removed);
            foreach (var b in workflow.AddedBookmarks) AddBookmarkRow(batch, state, b, unlessThere: false);

            if (expectedRevision is not null && workflow.CorrelationIdChanged)
                batch.Add("""UPDATE "Bookmarks" SET "CorrelationId" = {0} WHERE "WorkflowInstanceId" = {1}""", state.CorrelationId, state.Id);
        }

        foreach (var r in workflow.ExecutionLog)
        {
            batch.Add("""
                INSERT INTO "WorkflowExecutionLog" ("Id", "WorkflowInstanceId", "Sequence", "ActivityId", "NodeId", "ActivityType", "EventName", "Timestamp", "Data")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})
                """,
                r.Id, r.WorkflowInstanceId, r.Sequence, r.ActivityId, r.NodeId, r.ActivityType, r.EventName, r.Timestamp, JsonSerializer.Serialize(r, WorkflowJson.Options));
        }

        foreach (var r in workflow.ActivityRecords)
        {
            batch.Add("""
                INSERT INTO "ActivityExecutions" ("Id", "WorkflowInstanceId", "ActivityId", "ActivityNodeId", "Status", "StartedAt", "CompletedAt", "Data")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})
                ON CONFLICT ("Id") DO UPDATE SET "Status" = excluded."Status", "CompletedAt" = excluded."CompletedAt", "Data" = excluded."Data"
                """,
                r.Id, r.WorkflowInstanceId, r.ActivityId, r.ActivityNodeId, r.Status.ToString(), r.StartedAt, r.CompletedAt, JsonSerializer.Serialize(r, WorkflowJson.Options));
        }

        foreach (var incident in workflow.NewIncidents)
        {
            batch.Add("""
                INSERT INTO "Incidents" ("WorkflowInstanceId", "ActivityId", "ActivityType", "Message", "Timestamp", "Data")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5})
                """,
                state.Id, incident.ActivityId, incident.ActivityType, incident.Message, incident.Timestamp, JsonSerializer.Serialize(incident, WorkflowJson.Options));
        }

        foreach (var effect in workflow.Effects) AddOutboxRow(batch, state.Id, effect, state.UpdatedAt);
        foreach (var (sql, arguments) in workflow.CommitStatements) batch.Add(sql, arguments);

        return await writer.WriteAsync(async (connection, transaction, ct) =>
        {
            if (await instanceRow.ExecuteAsync(connection, transaction, ct) == 0)
                throw new ConcurrencyConflictException($"Workflow instance {state.Id} was changed by another burst.");
            await batch.ExecuteAsync(connection, transaction, ct);
            return revision;
        }, cancellationToken);
    }

    private void AddOutboxRow(SqlBatch batch, string? instanceId, WorkflowEffect effect, DateTimeOffset now) =>
        batch.Add("""
            INSERT INTO "Outbox" ("WorkflowInstanceId", "Kind", "Payload", "CreatedAt", "Attempts", "NextAttemptAt", "IsDeadLetter")
            VALUES ({0}, {1}, {2}, {3}, 0, {4}, {5})
            """,
            instanceId, effect.GetType().Name, effects.Serialize(effect), now, now, false);
}
