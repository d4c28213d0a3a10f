using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Alterations;

/// <summary>
/// Alteration plans (Elsa's submit / get / dry run): a plan stores its alterations and filter and, in the same
/// transaction, one job per selected instance; the background service carries out pending jobs, each committed together
/// with its instance, and completes the plan when none is left.
/// </summary>
public sealed partial class AlterationPlans(IDbContextFactory<WorkflowsDbContext> contextFactory, WorkflowRuntime runtime, WorkflowGraphCache graphs, TimeProvider timeProvider, ILogger<AlterationPlans> logger)
{
    /// <summary>Most instances one plan or dry run selects.</summary>
    public const int MaxInstances = 10_000;

    /// <summary>The instances a filter selects, and for a migration what it would do to each.</summary>
    public async Task<(List<string> Ids, List<MigrationReport> Migrations)> DryRunAsync(AlterationFilter filter, IReadOnlyList<Alteration> alterations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(alterations);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await filter.SelectAsync(db, MaxInstances, cancellationToken);
        var reports = new List<MigrationReport>();
        if (alterations.OfType<Migrate>().LastOrDefault() is not { } migrate) return (ids, reports);
        // The instances of a plan share a few versions: each is read once.
        var sources = new Dictionary<string, WorkflowDefinitionRecord?>(StringComparer.Ordinal);
        var targets = new Dictionary<string, WorkflowDefinitionRecord?>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(200))
        {
            var rows = await db.WorkflowInstances.AsNoTracking().Where(i => chunk.Contains(i.Id)).Select(i => i.Data).ToListAsync(cancellationToken);
            foreach (var data in rows)
            {
                var state = System.Text.Json.JsonSerializer.Deserialize<WorkflowState>(data, Serialization.WorkflowJson.Options)!;
                if (!sources.TryGetValue(state.DefinitionVersionId, out var source))
                    sources[state.DefinitionVersionId] = source = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == state.DefinitionVersionId, cancellationToken);
                if (!targets.TryGetValue(state.DefinitionId, out var target))
                    targets[state.DefinitionId] = target = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == state.DefinitionId && d.Version == migrate.TargetVersion, cancellationToken);
                if (source is null || target is null)
                {
                    reports.Add(new MigrationReport(state.Id, state.DefinitionVersion, migrate.TargetVersion, [], new Dictionary<string, string>(), [target is null ? $"(version {migrate.TargetVersion} does not exist)" : "(the instance's version is gone)"], [], []));
                    continue;
                }

                reports.Add(Migration.Check(state, graphs.Get(source.Id, source.Data), graphs.Get(target.Id, target.Data), migrate.ActivityMappings));
            }
        }

        return (ids, reports);
    }

    /// <summary>Stores a plan and its jobs; returns the plan id.</summary>
    public async Task<string> SubmitAsync(IReadOnlyList<Alteration> alterations, AlterationFilter filter, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alterations);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var ids = await filter.SelectAsync(db, MaxInstances, cancellationToken);
        var plan = new AlterationPlanRecord
        {
            Id = IdGenerator.New(),
            Status = ids.Count == 0 ? "Completed" : "Running",
            Alterations = new JsonArray([.. alterations.Select(a => (JsonNode)a.ToJson())]).ToJsonString(),
            Filter = filter.ToJson().ToJsonString(),
            CreatedBy = actor,
            CreatedAt = now,
            CompletedAt = ids.Count == 0 ? now : null,
        };
        db.AlterationPlans.Add(plan);
        db.AlterationJobs.AddRange(ids.Select(id => new AlterationJobRecord { Id = IdGenerator.New(), PlanId = plan.Id, WorkflowInstanceId = id, Status = "Pending", CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSubmitted(logger, plan.Id, ids.Count, actor);
        return plan.Id;
    }

    /// <summary>A plan and its jobs, or null.</summary>
    public async Task<(AlterationPlanRecord Plan, List<AlterationJobRecord> Jobs)?> GetAsync(string planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.AlterationPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return null;
        var jobs = await db.AlterationJobs.AsNoTracking().Where(j => j.PlanId == planId).OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).ToListAsync(cancellationToken);
        return (plan, jobs);
    }

    /// <summary>Carries out up to <paramref name="max"/> pending jobs; completes plans with none left. Returns how many ran.</summary>
    public async Task<int> ProcessAsync(int max = 200, CancellationToken cancellationToken = default)
    {
        List<AlterationJobRecord> jobs;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            jobs = await db.AlterationJobs.AsNoTracking().Where(j => j.Status == "Pending").OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Take(max).ToListAsync(cancellationToken);
            if (jobs.Count == 0) return 0;
        }

        var plans = new Dictionary<string, (IReadOnlyList<Alteration> Alterations, string Actor)>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!plans.TryGetValue(job.PlanId, out var plan))
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var record = await db.AlterationPlans.AsNoTracking().FirstAsync(p => p.Id == job.PlanId, cancellationToken);
                if (record.StartedAt is null)
                    await db.AlterationPlans.Where(p => p.Id == record.Id && p.StartedAt == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.StartedAt, timeProvider.GetUtcNow()), cancellationToken);
                plans[job.PlanId] = plan = (Alteration.ReadAll(JsonNode.Parse(record.Alterations), "alterations"), record.CreatedBy ?? "plan " + record.Id);
            }

            AlterationResult result;
            try
            {
                result = await runtime.AlterAsync(job.WorkflowInstanceId, plan.Alterations, plan.Actor, job.Id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogJobFailed(logger, e, job.Id, job.WorkflowInstanceId);
                result = new AlterationResult(job.WorkflowInstanceId).Fail(timeProvider.GetUtcNow(), e.Message);
            }

            if (!result.IsSuccessful)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var log = result.LogJson().ToJsonString();
                var now = timeProvider.GetUtcNow();
                await db.AlterationJobs.Where(j => j.Id == job.Id && j.Status == "Pending")
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, "Failed").SetProperty(j => j.CompletedAt, now).SetProperty(j => j.Log, log), cancellationToken);
            }
        }

        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var finished = timeProvider.GetUtcNow();
            foreach (var planId in plans.Keys)
            {
                if (await db.AlterationJobs.AnyAsync(j => j.PlanId == planId && j.Status == "Pending", cancellationToken)) continue;
                await db.AlterationPlans.Where(p => p.Id == planId && p.Status == "Running")
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "Completed").SetProperty(p => p.CompletedAt, finished), cancellationToken);
            }
        }

        return jobs.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alteration plan {PlanId} submitted for {Count} instance(s) by {Actor}")]
    private static partial void LogSubmitted(ILogger logger, string planId, int count, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alteration job {JobId} of instance {WorkflowInstanceId} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId, string workflowInstanceId);
}
