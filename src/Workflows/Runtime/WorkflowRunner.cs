using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Runs one burst: drains the FIFO queue, applies the incident strategy and settles the instance status.</summary>
public static class WorkflowRunner
{
    /// <summary>Runs until the queue is empty, the workflow finishes or <paramref name="cancellationToken"/> fires (the instance then stays resumable).</summary>
    public static async Task RunAsync(WorkflowExecutionContext workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Status != WorkflowStatus.Running) return;
        workflow.SubStatus = WorkflowSubStatus.Executing;
        try
        {
            while (!cancellationToken.IsCancellationRequested && workflow.Status == WorkflowStatus.Running && workflow.TryDequeue(out var item))
                await ExecuteAsync(workflow, item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Engine-level failure (outside an activity): the workflow faults.
            workflow.Services.Logger.LogError(e, "Workflow instance {WorkflowInstanceId} faulted in the engine", workflow.InstanceId);
            workflow.State.Fault = new WorkflowFault { Message = e.Message, Exception = ExceptionState.From(e) };
            Finish(workflow, WorkflowSubStatus.Faulted);
        }

        if (workflow.Status == WorkflowStatus.Running && !cancellationToken.IsCancellationRequested)
        {
            if (workflow.Contexts.All(c => c.IsCompleted)) Finish(workflow, WorkflowSubStatus.Finished);
            else workflow.SubStatus = WorkflowSubStatus.Suspended;
        }
        else if (workflow.Status == WorkflowStatus.Running)
        {
            workflow.SubStatus = WorkflowSubStatus.Interrupted;
        }
    }

    /// <summary>Marks the workflow finished with a sub-status.</summary>
    public static void Finish(WorkflowExecutionContext workflow, WorkflowSubStatus subStatus)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Status == WorkflowStatus.Finished) return;
        workflow.Status = WorkflowStatus.Finished;
        workflow.SubStatus = subStatus;
        workflow.State.FinishedAt = workflow.Now;
        workflow.ClearQueue();
        if (subStatus != WorkflowSubStatus.Faulted) workflow.Bookmarks.Clear();
        if (workflow.State.ParentWorkflowInstanceId is { } parentId && workflow.State.Properties["WaitForCompletion"]?.GetValue<bool>() == true)
        {
            var output = new JsonObject();
            foreach (var (k, v) in workflow.Output) output[k] = Values.DynamicJson.ToNode(v);
            workflow.Effects.Add(new NotifyParentEffect(parentId, workflow.InstanceId, WorkflowStatus.Finished.ToString(), subStatus.ToString(), output)
            {
                ParentActivityInstanceId = workflow.State.Properties["ParentActivityInstanceId"]?.GetValue<string>(),
            });
        }
    }

    private static async Task ExecuteAsync(WorkflowExecutionContext workflow, WorkItem item, CancellationToken cancellationToken)
    {
        var ctx = item.Context;
        if (ctx.IsCompleted || ctx.Status == ActivityStatus.Faulted) return;
        try
        {
            await ctx.EvaluateInputsAsync(cancellationToken);
            if (item.Bookmark is { } bookmark)
            {
                ctx.ResumedBookmark = bookmark;
                workflow.Journal(ctx, "Resumed");
                if (bookmark.AutoBurn) workflow.RemoveBookmark(bookmark);
                await ctx.Activity.OnResumeAsync(ctx, bookmark);
            }
            else
            {
                ctx.Status = ActivityStatus.Running;
                ctx.StartedAt = workflow.Now;
                workflow.Journal(ctx, "Started");
                await ctx.Activity.ExecuteAsync(ctx);
                if (ctx.Node.Id == workflow.TriggerActivityId) workflow.TriggerConsumed = true;
            }

            ctx.ResumedBookmark = null;
            if (ctx.Status == ActivityStatus.Running && workflow.Bookmarks.Any(b => b.ActivityInstanceId == ctx.Id))
                workflow.Journal(ctx, "Suspended");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault(workflow, ctx, e);
        }
    }

    /// <summary>Records an activity fault and applies the incident strategy.</summary>
    public static void Fault(WorkflowExecutionContext workflow, ActivityExecutionContext ctx, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(exception);
        ctx.Status = ActivityStatus.Faulted;
        ctx.ResumedBookmark = null;
        for (var c = ctx; c is not null; c = c.Parent) c.FaultCount++;
        var incident = new ActivityIncident
        {
            ActivityId = ctx.Node.Id,
            ActivityNodeId = ctx.Node.NodeId,
            ActivityType = ctx.Node.Type,
            Message = exception.Message,
            Exception = ExceptionState.From(exception),
            Timestamp = workflow.Now,
        };
        workflow.State.Incidents.Add(incident);
        workflow.Journal(ctx, "Faulted", exception.Message, new JsonObject
        {
            ["Exception"] = exception.GetType().FullName,
            ["Message"] = exception.Message,
            ["Source"] = exception.Source,
        });
        workflow.TouchRecord(ctx, exception);
        workflow.Services.Logger.LogWarning("Activity {ActivityId} of workflow instance {WorkflowInstanceId} faulted: {Message}", ctx.Node.Id, workflow.InstanceId, exception.Message);

        var strategy = workflow.Definition.Options.IncidentStrategyType;
        if (strategy is not null && strategy.Contains("ContinueWithIncidents", StringComparison.Ordinal)) return;
        workflow.State.Fault = new WorkflowFault { Message = exception.Message, Exception = incident.Exception, FaultedActivityId = ctx.Node.Id };
        Finish(workflow, WorkflowSubStatus.Faulted);
    }
}
