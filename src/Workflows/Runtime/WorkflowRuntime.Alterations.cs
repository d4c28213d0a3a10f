using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Alterations;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

// Operators' alterations of one instance: all of them or none, journaled with who made them, run on at once.
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Applies <paramref name="alterations"/> to one instance under its lock: a migration first, then the rest in order.
    /// If any fails nothing is stored; otherwise the instance runs its scheduled work and is committed once, together with
    /// the plan job <paramref name="jobId"/> when one is given (so a job is carried out exactly once, across crashes).
    /// </summary>
    public async Task<AlterationResult> AlterAsync(string instanceId, IReadOnlyList<Alteration> alterations, string actor, string? jobId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(alterations);
        using (await _gates.EnterAsync(instanceId, cancellationToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                var result = new AlterationResult(instanceId);
                var now = timeProvider.GetUtcNow();
                // The instance is read before the job: a job another node completes after this read makes this commit
                // conflict (the revision moved), and the retry then sees the job done.
                var loaded = await store.LoadAsync(instanceId, cancellationToken);
                if (jobId is not null && await JobEndedAsync(jobId, cancellationToken))
                {
                    result.Info(now, "Already carried out.", "Skipped");
                    result.IsSuccessful = true;
                    return result;
                }

                if (loaded is null) return result.Fail(now, $"Workflow instance {instanceId} was not found.");
                var state = loaded.State;
                if (state.Status == WorkflowStatus.Finished && state.SubStatus != WorkflowSubStatus.Faulted)
                    return result.Fail(now, $"Workflow instance {instanceId} has ended ({state.SubStatus}); only running or faulted instances can be altered.");
                var version = await FindVersionAsync(state.DefinitionVersionId, cancellationToken);
                if (version is null) return result.Fail(now, $"The workflow version {state.DefinitionVersionId} of the instance is gone.");
                var graph = graphs.Get(version.Id, version.Data);

                var migrated = false;
                foreach (var migrate in alterations.OfType<Migrate>())
                {
                    if (migrate.TargetVersion == state.DefinitionVersion)
                    {
                        result.Info(now, $"Already on version {migrate.TargetVersion}.", "Migrate");
                        continue;
                    }

                    var target = await FindVersionAsync(state.DefinitionId, migrate.TargetVersion, cancellationToken);
                    if (target is null) return result.Fail(now, $"Workflow '{state.DefinitionId}' has no version {migrate.TargetVersion}.");
                    var targetGraph = graphs.Get(target.Id, target.Data);
                    var report = Migration.Check(state, graph, targetGraph, migrate.ActivityMappings);
                    result.Migration = report;
                    if (!report.CanMigrate)
                        return result.Fail(now, $"Version {migrate.TargetVersion} has no activity {string.Join(", ", report.MissingActivities.Select(a => $"'{a}'"))} that the instance waits in; map them (activityMappings) to activities of that version.");
                    result.Info(now, $"Moved from version {state.DefinitionVersion} to {migrate.TargetVersion}.", "Migrate");
                    Migration.Apply(state, targetGraph, migrate.ActivityMappings);
                    graph = targetGraph;
                    migrated = true;
                }

                var workflow = WorkflowExecutionContext.FromState(graph, Services, state, null);
                if (migrated) workflow.RewriteBookmarks();
                var root = workflow.Contexts.FirstOrDefault(c => c.Parent is null);
                foreach (var alteration in alterations.Where(a => a is not Migrate))
                {
                    var failure = await ApplyAsync(workflow, alteration, result, now);
                    if (failure is not null) return result.Fail(now, failure);
                }

                if (root is not null)
                {
                    foreach (var alteration in alterations)
                        workflow.Journal(root, "AlterationApplied", $"{alteration.Type} by {actor}", new JsonObject { ["Alteration"] = alteration.ToJson(), ["Actor"] = actor });
                    if (migrated) workflow.Journal(root, "Migrated", $"Version {version.Version} → {state.DefinitionVersion} by {actor}", new JsonObject { ["From"] = version.Version, ["To"] = state.DefinitionVersion, ["Actor"] = actor });
                }

                result.WorkflowHasScheduledWork = workflow.HasQueuedWork;
                await WorkflowRunner.RunAsync(workflow, cancellationToken);
                result.IsSuccessful = true;
                result.Info(now, $"Applied; the instance is {workflow.SubStatus}.", "Completed");
                if (jobId is not null)
                    workflow.CommitStatements.Add(("""UPDATE "AlterationJobs" SET "Status" = {0}, "CompletedAt" = {1}, "Log" = {2} WHERE "Id" = {3}""", ["Completed", now, result.LogJson().ToJsonString(), jobId]));
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
                return result;
            }
        }
    }

    private static async ValueTask<string?> ApplyAsync(WorkflowExecutionContext workflow, Alteration alteration, AlterationResult result, DateTimeOffset now)
    {
        switch (alteration)
        {
            case ModifyVariable modify:
                {
                    var slot = workflow.Contexts.SelectMany(c => c.Variables.Values).FirstOrDefault(v => v.Id == modify.VariableId);
                    if (slot is null) return $"Variable {modify.VariableId} was not found in the instance.";
                    try
                    {
                        slot.Set(DynamicJson.FromNode(modify.Value));
                    }
                    catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or NotSupportedException or System.Text.Json.JsonException)
                    {
                        return $"The value does not fit variable {slot.Name} ({slot.Type?.Name ?? "Object"}): {e.Message}";
                    }

                    result.Info(now, $"Variable {slot.Name} set.", "ModifyVariable");
                    return null;
                }

            case ScheduleActivity schedule:
                {
                    var existing = Find(workflow, schedule.ActivityId, schedule.ActivityInstanceId).OrderByDescending(c => c.Status == ActivityStatus.Faulted).FirstOrDefault();
                    if (existing is not null)
                    {
                        if (existing.Status == ActivityStatus.Faulted)
                        {
                            workflow.Revive();
                            var resolved = workflow.ResolveIncidents(existing.Node.NodeId);
                            result.Info(now, $"Activity {existing.Node.Id} runs again; {resolved} incident(s) resolved.", "ScheduleActivity");
                        }
                        else
                        {
                            result.Info(now, $"Activity {existing.Node.Id} runs again.", "ScheduleActivity");
                        }

                        if (workflow.Status != WorkflowStatus.Running) return $"The instance is {workflow.SubStatus}: activity {existing.Node.Id} cannot run.";
                        workflow.Requeue(existing);
                        return null;
                    }

                    if (schedule.ActivityId is null) return $"Activity instance {schedule.ActivityInstanceId} was not found.";
                    var node = workflow.Graph.FindById(schedule.ActivityId);
                    if (node is null) return $"Activity {schedule.ActivityId} is not in version {workflow.Definition.Version}.";
                    var owner = (node.Parent is null ? null : Ancestors(node).Select(a => workflow.Contexts.LastOrDefault(c => c.Node == a && !c.IsCompleted)).FirstOrDefault(c => c is not null));
                    if (owner is null) return $"Activity {schedule.ActivityId} has no running container to run in.";
                    if (workflow.Status != WorkflowStatus.Running) return $"The instance is {workflow.SubStatus}: activity {schedule.ActivityId} cannot run.";
                    workflow.Schedule(node, owner, null, null, null, null);
                    result.Info(now, $"Activity {node.Id} scheduled.", "ScheduleActivity");
                    return null;
                }

            case CancelActivity cancel:
                {
                    var contexts = Find(workflow, cancel.ActivityId, cancel.ActivityInstanceId).ToList();
                    if (contexts.Count == 0) return $"Activity {cancel.ActivityInstanceId ?? cancel.ActivityId} has no running context to cancel.";
                    foreach (var context in contexts)
                    {
                        if (context.Status == ActivityStatus.Faulted)
                        {
                            workflow.ResolveIncidents(context.Node.NodeId);
                            workflow.Revive();
                        }

                        context.Status = context.Status == ActivityStatus.Faulted ? ActivityStatus.Running : context.Status;
                        await context.CancelAsync();
                    }

                    result.Info(now, $"Activity {contexts[0].Node.Id} cancelled ({contexts.Count}).", "CancelActivity");
                    return null;
                }

            default:
                return $"Alteration {alteration.Type} is not supported.";
        }
    }

    private static IEnumerable<ActivityExecutionContext> Find(WorkflowExecutionContext workflow, string? activityId, string? activityInstanceId) =>
        workflow.Contexts.Where(c => !c.IsCompleted && c.Parent is not null
            && (activityInstanceId is not null ? c.Id == activityInstanceId : c.Node.Id == activityId));

    private static IEnumerable<ActivityNode> Ancestors(ActivityNode node)
    {
        for (var p = node.Parent; p is not null; p = p.Parent) yield return p;
    }

    private async Task<bool> JobEndedAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlterationJobs.AnyAsync(j => j.Id == jobId && j.Status != "Pending", cancellationToken);
    }

    private async Task<WorkflowDefinitionRecord?> FindVersionAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.DefinitionId == definitionId && x.Version == version, cancellationToken);
        if (record is not null) graphs.Remember(record);
        return record;
    }
}
