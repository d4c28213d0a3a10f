using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

// Journal entries and activity execution records of the burst.
public sealed partial class WorkflowExecutionContext
{
    /// <summary>Writes a journal entry.</summary>
    public void Journal(ActivityExecutionContext ctx, string eventName, string? message = null, JsonNode? payload = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ExecutionLog.Add(new ExecutionLogRecord
        {
            Id = Services.NewId(),
            WorkflowDefinitionId = Definition.DefinitionId,
            WorkflowDefinitionVersionId = Definition.Id,
            WorkflowInstanceId = InstanceId,
            WorkflowVersion = Definition.Version,
            ActivityInstanceId = ctx.Id,
            ParentActivityInstanceId = ctx.Parent?.Id,
            ActivityId = ctx.Node.Id,
            ActivityType = ctx.Node.Type,
            ActivityTypeVersion = ctx.Activity.Version,
            ActivityName = ctx.Node.Name,
            NodeId = ctx.Node.NodeId,
            Timestamp = Now,
            Sequence = State.ExecutionLogSequence++,
            EventName = eventName,
            Message = message,
            ActivityState = ctx.ActivityState?.DeepClone() as JsonObject,
            Payload = payload,
        });
        TouchRecord(ctx);
    }

    internal void OnContextFinished(ActivityExecutionContext ctx)
    {
        TouchRecord(ctx);
        ctx.Parent?.ForgetChild(ctx);
    }

    internal ActivityExecutionRecord TouchRecord(ActivityExecutionContext ctx, Exception? exception = null)
    {
        if (!_records.TryGetValue(ctx.Id, out var record))
        {
            record = new ActivityExecutionRecord
            {
                Id = ctx.Id,
                WorkflowInstanceId = InstanceId,
                ActivityId = ctx.Node.Id,
                ActivityNodeId = ctx.Node.NodeId,
                ActivityType = ctx.Node.Type,
                ActivityTypeVersion = ctx.Activity.Version,
                ActivityName = ctx.Node.Name,
                StartedAt = ctx.StartedAt,
                SchedulingActivityExecutionId = ctx.SchedulingContextId,
                SchedulingActivityId = ctx.SchedulingContextId is { } sid ? _contextsById.GetValueOrDefault(sid)?.Node.Id : null,
                CallStackDepth = ctx.Ancestors.Count(),
            };
            _records[ctx.Id] = record;
        }

        record.Status = ctx.Status;
        record.ActivityState = ctx.ActivityState?.DeepClone() as JsonObject;
        record.Payload = ctx.JournalData.Count > 0 ? (JsonObject)ctx.JournalData.DeepClone() : null;
        record.CompletedAt = ctx.CompletedAt;
        record.HasBookmarks = Bookmarks.Any(b => b.ActivityInstanceId == ctx.Id);
        record.AggregateFaultCount = ctx.FaultCount;
        if (exception is not null) record.Exception = ExceptionState.From(exception);
        if (_outputRegister.TryGetValue(ctx.Node.Id, out var outputs))
        {
            var log = LogPersistence.Of(ctx);
            record.Outputs = (JsonObject?)DynamicJson.ToNode(outputs.Where(p => log.KeepsOutput(p.Key)).ToDictionary(p => p.Key, p => p.Value));
        }

        return record;
    }
}
