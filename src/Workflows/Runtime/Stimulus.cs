using Opiskeluhuolto.Workflows.Activities.Primitives;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A stimulus: a hash plus optional filters and the input for the resumed burst.</summary>
public sealed record Stimulus(string Hash, IDictionary<string, object?>? Input, string? CorrelationId, string? WorkflowInstanceId, string? ActivityInstanceId, bool CanStartWorkflows = true, bool QueueIfUnmatched = true)
{
    /// <summary>An event stimulus; the payload reaches the Event activity as its result.</summary>
    public static Stimulus ForEvent(string eventName, object? payload, string? correlationId = null, string? workflowInstanceId = null, string? activityInstanceId = null) =>
        new(StimulusHasher.Hash("Elsa.Event", Event.Stimulus(eventName)),
            new Dictionary<string, object?> { [Event.PayloadInputKey] = payload ?? new Dictionary<string, object?>() },
            correlationId, workflowInstanceId, activityInstanceId);

    /// <summary>A task completion stimulus.</summary>
    public static Stimulus ForTask(string taskId, object? result) =>
        new(StimulusHasher.Hash("Elsa.RunTask", RunTask.Stimulus(taskId)), new Dictionary<string, object?> { [RunTask.ResultInputKey] = result }, null, null, null, CanStartWorkflows: false);
}
