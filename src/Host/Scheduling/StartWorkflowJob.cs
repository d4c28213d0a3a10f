using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Quartz;

namespace Opiskeluhuolto.Host.Scheduling;

/// <summary>Starts a new instance for a published Cron/Timer/StartAt trigger.</summary>
public sealed class StartWorkflowJob(IDbContextFactory<WorkflowsDbContext> contexts, WorkflowRuntime runtime, ILogger<StartWorkflowJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static JobKey Key { get; } = new("start-workflow", "engine");

    /// <summary>JobData key of the stored trigger id.</summary>
    public const string TriggerIdKey = "TriggerId";

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triggerId = context.MergedJobDataMap.GetString(TriggerIdKey);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == triggerId, cancellationToken);
        var version = trigger is null ? null : await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == trigger.WorkflowDefinitionVersionId && x.IsPublished, cancellationToken);
        if (trigger is null || version is null)
        {
            // The workflow was retracted or deleted: the Quartz trigger is stale.
            await context.Scheduler.UnscheduleJob(context.Trigger.Key, cancellationToken);
            return;
        }

        try
        {
            var result = await runtime.StartAsync(version, new StartWorkflowRequest { TriggerActivityId = trigger.ActivityId }, cancellationToken);
            logger.LogInformation("Trigger {TriggerId} of workflow {DefinitionId} started instance {WorkflowInstanceId}", trigger.Id, trigger.WorkflowDefinitionId, result.State.Id);
        }
        catch (WorkflowActivationRefusedException e)
        {
            logger.LogInformation("Trigger {TriggerId} of workflow {DefinitionId} started nothing: {Reason}", trigger.Id, trigger.WorkflowDefinitionId, e.Message);
        }
    }
}
