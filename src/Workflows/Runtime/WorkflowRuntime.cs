using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// Starts and resumes instances: loads state, runs one burst under the instance's lock, commits once, and wakes the
/// outbox. Bursts of one instance never overlap: an in-process lock per instance plus an optimistic revision check
/// on the row, so two nodes can never commit the same instance from the same state.
/// </summary>
public sealed partial class WorkflowRuntime(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    WorkflowStore store,
    WorkflowGraphCache graphs,
    ActivityRegistry registry,
    IExpressionEvaluator expressions,
    TimeProvider timeProvider,
    OutboxSignal outboxSignal,
    IEnumerable<ITimerWakeUps> wakeUps,
    ILogger<WorkflowRuntime> logger)
{
    private const int MaxConflictRetries = 5;
    private static readonly TimeSpan QueueTtl = TimeSpan.FromMinutes(10);
    private readonly InstanceGates _gates = new();

    /// <summary>Instances whose gate is held or waited for now.</summary>
    internal int HeldGates => _gates.Count;

    private WorkflowExecutionServices Services => new(registry, expressions, timeProvider, logger);

    /// <summary>Starts a new instance of a definition version and runs its first burst.</summary>
    public async Task<RunResult> StartAsync(WorkflowDefinitionRecord version, StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(request);
        var graph = graphs.Get(version.Id, version.Data);
        if (await ActivationStrategy.RefusalAsync(contextFactory, graph.Definition, request.CorrelationId, cancellationToken) is { } refusal)
            throw new WorkflowActivationRefusedException(refusal);
        var instanceId = request.InstanceId ?? IdGenerator.New();
        using var span = Diagnostics.WorkflowTelemetry.Source.StartActivity("workflow.start");
        span?.SetTag("workflow.definition_id", version.DefinitionId);
        span?.SetTag("workflow.instance_id", instanceId);
        var properties = request.Properties ?? [];
        var workflow = WorkflowExecutionContext.CreateNew(graph, Services, instanceId, request.Input, request.CorrelationId, request.TriggerActivityId, request.ParentInstanceId, properties);
        if (request.Name is not null) workflow.Name = request.Name;
        using (await _gates.EnterAsync(instanceId, cancellationToken))
        {
            await WorkflowRunner.RunAsync(workflow, cancellationToken);
            await store.CommitAsync(workflow, null, CancellationToken.None);
        }

        await AfterCommitAsync(workflow);
        return new RunResult(workflow.State, workflow.Bookmarks);
    }

    /// <summary>Creates an instance without running it; a background worker runs it (Elsa's dispatch).</summary>
    public async Task<WorkflowState> CreatePendingAsync(WorkflowDefinitionRecord version, StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(request);
        var graph = graphs.Get(version.Id, version.Data);
        if (await ActivationStrategy.RefusalAsync(contextFactory, graph.Definition, request.CorrelationId, cancellationToken) is { } refusal)
            throw new WorkflowActivationRefusedException(refusal);
        var workflow = WorkflowExecutionContext.CreateNew(graph, Services, request.InstanceId ?? IdGenerator.New(), request.Input, request.CorrelationId, request.TriggerActivityId, request.ParentInstanceId, request.Properties);
        if (request.Name is not null) workflow.Name = request.Name;
        workflow.DispatchInput = request.Input;
        await store.CommitAsync(workflow, null, cancellationToken);
        Diagnostics.WorkflowTelemetry.InstancesStarted.Add(1, new KeyValuePair<string, object?>("workflow.definition_id", version.DefinitionId));
        outboxSignal.Notify();
        return workflow.State;
    }

    /// <summary>Runs the queued work of a pending or interrupted instance (dispatch worker and crash recovery).</summary>
    public Task<RunResult?> RunPendingAsync(string instanceId, CancellationToken cancellationToken = default) =>
        RunExistingAsync(instanceId, null, null, cancellationToken);

    /// <summary>Resumes one bookmark by id; null if the instance or bookmark is gone or the instance is not running.</summary>
    public Task<RunResult?> ResumeAsync(string instanceId, string bookmarkId, IDictionary<string, object?>? input, CancellationToken cancellationToken = default) =>
        RunExistingAsync(instanceId, bookmarkId, input, cancellationToken);

    private async Task<RunResult?> RunExistingAsync(string instanceId, string? bookmarkId, IDictionary<string, object?>? input, CancellationToken cancellationToken)
    {
        using (await _gates.EnterAsync(instanceId, cancellationToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                var loaded = await store.LoadAsync(instanceId, cancellationToken);
                if (loaded is null || loaded.State.Status != WorkflowStatus.Running) return null;
                var version = await FindVersionAsync(loaded.State.DefinitionVersionId, cancellationToken);
                if (version is null)
                {
                    LogMissingVersion(logger, instanceId, loaded.State.DefinitionVersionId);
                    return null;
                }

                var graph = graphs.Get(version.Id, version.Data);
                var workflow = WorkflowExecutionContext.FromState(graph, Services, loaded.State, input);
                if (bookmarkId is not null)
                {
                    var bookmark = workflow.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
                    if (bookmark is null || !workflow.ScheduleResume(bookmark)) return null;
                }
                else if (!workflow.HasQueuedWork)
                {
                    if (loaded.State.SubStatus is not (WorkflowSubStatus.Pending or WorkflowSubStatus.Interrupted or WorkflowSubStatus.Executing)) return null;
                    if (loaded.State.ActivityExecutionContexts.Count == 0) workflow.ScheduleRoot();
                }

                await WorkflowRunner.RunAsync(workflow, cancellationToken);
                try
                {
                    await store.CommitAsync(workflow, loaded.Revision, CancellationToken.None);
                }
                catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
                {
                    LogConflict(logger, instanceId, attempt + 1);
                    continue;
                }

                await AfterCommitAsync(workflow);
                return new RunResult(workflow.State, workflow.Bookmarks);
            }
        }
    }

    /// <summary>
    /// Delivers a stimulus: without instance filters it first starts every published workflow with a matching trigger,
    /// then resumes every matching bookmark. When nothing matched, the stimulus waits in the bookmark queue (late signal).
    /// Returns the affected instance ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeliverAsync(Stimulus stimulus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        var affected = new List<string>();
        if (stimulus.CanStartWorkflows && stimulus.WorkflowInstanceId is null)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var triggers = await db.Triggers.AsNoTracking().Where(t => t.Hash == stimulus.Hash).ToListAsync(cancellationToken);
            foreach (var trigger in triggers)
            {
                var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == trigger.WorkflowDefinitionVersionId && x.IsPublished, cancellationToken);
                if (version is null) continue;
                try
                {
                    var result = await StartAsync(version, new StartWorkflowRequest { Input = stimulus.Input, CorrelationId = stimulus.CorrelationId, TriggerActivityId = trigger.ActivityId }, cancellationToken);
                    affected.Add(result.State.Id);
                }
                catch (WorkflowActivationRefusedException e)
                {
                    LogActivationRefused(logger, version.DefinitionId, e.Message);
                }
            }
        }

        var resumed = await ResumeMatchingAsync(stimulus, cancellationToken);
        affected.AddRange(resumed);
        if (affected.Count == 0 && stimulus.QueueIfUnmatched)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            db.BookmarkQueue.Add(new BookmarkQueueItem
            {
                Hash = stimulus.Hash,
                WorkflowInstanceId = stimulus.WorkflowInstanceId,
                CorrelationId = stimulus.CorrelationId,
                Input = stimulus.Input is null ? null : DynamicJson.ToJsonString(stimulus.Input),
                CreatedAt = now,
                ExpiresAt = now + QueueTtl,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return affected;
    }

    private async Task<List<string>> ResumeMatchingAsync(Stimulus stimulus, CancellationToken cancellationToken)
    {
        // The hottest query of every resume, read straight from the connection (no EF query pipeline).
        var matches = new List<(string Id, string WorkflowInstanceId)>();
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder("""SELECT "Id", "WorkflowInstanceId" FROM "Bookmarks" WHERE "Hash" = @hash""");
            Persistence.SqlBatch.AddParameter(command, "@hash", stimulus.Hash);
            void Filter(string column, string? value)
            {
                if (value is null) return;
                sql.Append(" AND \"").Append(column).Append("\" = @").Append(column);
                Persistence.SqlBatch.AddParameter(command, "@" + column, value);
            }

            Filter("WorkflowInstanceId", stimulus.WorkflowInstanceId);
            Filter("CorrelationId", stimulus.CorrelationId);
            Filter("ActivityInstanceId", stimulus.ActivityInstanceId);
            command.CommandText = sql.Append(""" ORDER BY "CreatedAt", "Id" """).ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) matches.Add((reader.GetString(0), reader.GetString(1)));
        }

        var affected = new List<string>();
        foreach (var bookmark in matches)
        {
            var result = await ResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, stimulus.Input, cancellationToken);
            if (result is not null) affected.Add(bookmark.WorkflowInstanceId);
        }

        return affected;
    }

    /// <summary>Retries queued stimuli against bookmarks committed since; drops expired ones. Returns how many were delivered.</summary>
    public async Task<int> ProcessBookmarkQueueAsync(CancellationToken cancellationToken = default)
    {
        List<BookmarkQueueItem> items;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            await db.BookmarkQueue.Where(i => i.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
            items = await db.BookmarkQueue.AsNoTracking().OrderBy(i => i.Id).Take(500).ToListAsync(cancellationToken);
        }

        var delivered = 0;
        foreach (var item in items)
        {
            var input = item.Input is null ? null : DynamicJson.FromNode(JsonNode.Parse(item.Input)) as Dictionary<string, object?>;
            var stimulus = new Stimulus(item.Hash, input, item.CorrelationId, item.WorkflowInstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false);
            var resumed = await ResumeMatchingAsync(stimulus, cancellationToken);
            if (resumed.Count == 0) continue;
            delivered++;
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.BookmarkQueue.Where(i => i.Id == item.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return delivered;
    }

    /// <summary>Cancels an instance: clears bookmarks and marks it Cancelled. False when unknown or already finished.</summary>
    public async Task<bool> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using (await _gates.EnterAsync(instanceId, cancellationToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                var loaded = await store.LoadAsync(instanceId, cancellationToken);
                if (loaded is null || loaded.State.Status == WorkflowStatus.Finished) return false;
                var version = await FindVersionAsync(loaded.State.DefinitionVersionId, cancellationToken);
                if (version is null) return false;
                var workflow = WorkflowExecutionContext.FromState(graphs.Get(version.Id, version.Data), Services, loaded.State, null);
                workflow.Bookmarks.Clear();
                foreach (var ctx in workflow.Contexts.Where(c => !c.IsCompleted)) ctx.Status = ActivityStatus.Canceled;
                if (workflow.Contexts.FirstOrDefault(c => c.Parent is null) is { } root) workflow.Journal(root, "Workflow cancelled");
                WorkflowRunner.Finish(workflow, WorkflowSubStatus.Cancelled);
                try
                {
                    await store.CommitAsync(workflow, loaded.Revision, CancellationToken.None);
                }
                catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
                {
                    continue;
                }

                await AfterCommitAsync(workflow);
                return true;
            }
        }
    }

    /// <summary>Resumes the wait bookmark of a parent whose child finished.</summary>
    public async Task NotifyParentAsync(NotifyParentEffect effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var input = DynamicJson.FromNode(effect.Output) as Dictionary<string, object?> ?? [];
        foreach (var name in new[] { "Elsa.ExecuteWorkflow", "Elsa.DispatchWorkflow" })
        {
            var hash = StimulusHasher.Hash(name, ChildWorkflowActivity.Stimulus(effect.ChildInstanceId));
            await DeliverAsync(new Stimulus(hash, input, null, effect.ParentInstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
        }

        var report = new Dictionary<string, object?>
        {
            ["WorkflowInstanceId"] = effect.ChildInstanceId,
            ["WorkflowStatus"] = effect.Status,
            ["WorkflowSubStatus"] = effect.SubStatus,
            ["WorkflowOutput"] = input,
        };
        // Children of a bulk dispatch report to the activity that started them (those started before it said so, to any).
        var bulkHash = StimulusHasher.Hash("Elsa.BulkDispatchWorkflows", effect.ParentActivityInstanceId is { } activity
            ? BulkDispatchWorkflows.Stimulus(effect.ParentInstanceId, activity)
            : BulkDispatchWorkflows.Stimulus(effect.ParentInstanceId));
        await DeliverAsync(new Stimulus(bulkHash, report, null, effect.ParentInstanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false), cancellationToken);
    }

    /// <summary>Starts an instance of the published version of a definition (dispatched child workflows); idempotent by instance id.</summary>
    public async Task StartDispatchedAsync(DispatchWorkflowEffect effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.WorkflowInstances.AnyAsync(x => x.Id == effect.InstanceId, cancellationToken)) return;
        var version = await db.WorkflowDefinitions.AsNoTracking().Where(x => x.DefinitionId == effect.DefinitionId && x.IsPublished).FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            LogNoPublishedVersion(logger, effect.DefinitionId, effect.ParentInstanceId);
            return;
        }

        var properties = new JsonObject();
        if (effect.ParentInstanceId is not null) properties["ParentInstanceId"] = effect.ParentInstanceId;
        if (effect.WaitForCompletion) properties["WaitForCompletion"] = true;
        if (effect.ParentActivityInstanceId is not null) properties["ParentActivityInstanceId"] = effect.ParentActivityInstanceId;
        try
        {
            await StartAsync(version, new StartWorkflowRequest
            {
                InstanceId = effect.InstanceId,
                Input = DynamicJson.FromNode(effect.Input) as Dictionary<string, object?>,
                CorrelationId = effect.CorrelationId,
                ParentInstanceId = effect.ParentInstanceId,
                Properties = properties,
            }, cancellationToken);
        }
        catch (WorkflowActivationRefusedException e)
        {
            // A dispatch the child's strategy refuses starts nothing, as in Elsa; the outbox entry is done.
            LogActivationRefused(logger, effect.DefinitionId, e.Message);
        }
    }

    private async Task<WorkflowDefinitionRecord?> FindVersionAsync(string versionId, CancellationToken cancellationToken)
    {
        if (graphs.PublishedVersion(versionId) is { } cached) return cached;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId, cancellationToken);
        if (version is not null) graphs.Remember(version);
        return version;
    }

    private readonly IReadOnlyList<ITimerWakeUps> _wakeUps = wakeUps.ToList();

    private async Task AfterCommitAsync(WorkflowExecutionContext workflow)
    {
        var definition = new KeyValuePair<string, object?>("workflow.definition_id", workflow.State.DefinitionId);
        if (workflow.ResumedBookmarkCount > 0) Diagnostics.WorkflowTelemetry.BookmarksResumed.Add(workflow.ResumedBookmarkCount, definition);
        if (workflow.IsNew) Diagnostics.WorkflowTelemetry.InstancesStarted.Add(1, definition);
        if (workflow.State.Status == Model.WorkflowStatus.Finished)
            Diagnostics.WorkflowTelemetry.InstancesFinished.Add(1, definition, new KeyValuePair<string, object?>("workflow.sub_status", workflow.State.SubStatus.ToString()));
        var added = workflow.AddedBookmarks.ToList();
        if (workflow.Effects.Count > 0 || added.Count > 0) outboxSignal.Notify();
        if (added.Count > 0) outboxSignal.NotifyBookmarks();
        if (_wakeUps.Count == 0) return;
        var due = added.Where(b => registry.TimerBookmarkNames.Contains(b.Name))
            .Select(Activities.Scheduling.TimerActivityBase.DueTime).OfType<DateTimeOffset>().Distinct().ToList();
        if (due.Count == 0) return;
        foreach (var wakeUp in _wakeUps)
        {
            try
            {
                await wakeUp.WakeAtAsync(due, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The bookmark is committed; start-up reconciliation and the poll still fire it.
                LogWakeUpFailed(logger, e, workflow.InstanceId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling the wake-up of workflow instance {WorkflowInstanceId} failed")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception, string workflowInstanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow instance {WorkflowInstanceId} runs definition version {VersionId}, which no longer exists")]
    private static partial void LogMissingVersion(ILogger logger, string workflowInstanceId, string versionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} changed concurrently; retry {Attempt}")]
    private static partial void LogConflict(ILogger logger, string workflowInstanceId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "No new instance of {DefinitionId}: {Reason}")]
    private static partial void LogActivationRefused(ILogger logger, string definitionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No published version of workflow {DefinitionId} to dispatch for parent {ParentInstanceId}")]
    private static partial void LogNoPublishedVersion(ILogger logger, string definitionId, string? parentInstanceId);
}
