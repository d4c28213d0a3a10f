using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.Event</c>: waits for (or is triggered by) a named event; the payload becomes <c>result</c>.</summary>
public sealed class Event : Activity
{
    /// <summary>Input key of the event payload in the resumed burst.</summary>
    public const string PayloadInputKey = "__EventPayloadWorkflowInput";

    /// <inheritdoc />
    public override string TypeName => "Elsa.Event";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Wait for an event to be published.", kind: ActivityKind.Trigger,
        inputs: [Input("EventName", "String", "The name of the event to listen for.")], outputs: [Output("Result", "Object", "The payload of the event.")]);

    /// <summary>The stimulus payload of an event name.</summary>
    public static JsonObject Stimulus(string eventName) => new() { ["EventName"] = eventName };

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.SetOutput("Result", context.Workflow.Input.GetValueOrDefault(PayloadInputKey) ?? new Dictionary<string, object?>());
            return context.CompleteAsync();
        }

        var name = context.Get<string>("EventName") ?? throw new InvalidOperationException("Event needs an event name.");
        context.CreateBookmark(payload: Stimulus(name));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        context.SetOutput("Result", context.Workflow.Input.GetValueOrDefault(PayloadInputKey) ?? new Dictionary<string, object?>());
        return context.CompleteAsync();
    }

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        if (context.GetInput("EventName") is string name) yield return new TriggerPayload(TypeName, Stimulus(name));
    }
}

/// <summary><c>Elsa.PublishEvent</c>: publishes an event after the burst commits.</summary>
public sealed class PublishEvent : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.PublishEvent";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Publishes an event.", displayName: "Publish Event",
        inputs:
        [
            Input("EventName", "String", "The name of the event to publish."),
            Input("CorrelationId", "String", "The correlation ID to scope the event to."),
            Input("IsLocalEvent", "Boolean", "Whether the event is local to the current workflow instance.", displayName: "Local event"),
            Input("Payload", "Object", "The payload to send with the event."),
        ]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get<string>("EventName") ?? throw new InvalidOperationException("Publish Event needs an event name.");
        var local = context.Get<bool?>("IsLocalEvent") == true;
        context.Workflow.Effects.Add(new PublishEventEffect(name, context.Get<string>("CorrelationId"), local ? context.Workflow.InstanceId : null, DynamicJson.ToNode(context.Get("Payload"))));
        return context.CompleteAsync();
    }
}

/// <summary><c>Elsa.RunTask</c>: requests a task from an external handler and waits for <c>/tasks/{taskId}/complete</c>.</summary>
public sealed class RunTask : Activity
{
    /// <summary>Input key of the task result in the resumed burst.</summary>
    public const string ResultInputKey = "RunTaskInput";

    /// <inheritdoc />
    public override string TypeName => "Elsa.RunTask";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Dispatches a request for running a task and waits for a signal to continue.", displayName: "Run Task",
        inputs: [Input("TaskName", "String", "The name of the task being requested."), Input("Payload", "ObjectDictionary", "Any additional parameters to send to the task.", uiHint: "json-editor", defaultSyntax: "Object")],
        outputs: [Output("TaskId", "String", "The ID of the task."), Output("Result", "Object", "The result of the task.")]);

    /// <summary>The stimulus payload of a task id.</summary>
    public static JsonObject Stimulus(string taskId) => new() { ["TaskId"] = taskId };

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var taskId = context.Workflow.Services.NewId();
        var taskName = context.Get<string>("TaskName") ?? "";
        context.CreateBookmark(payload: Stimulus(taskId), metadata: new JsonObject { ["TaskName"] = taskName });
        context.SetOutput("TaskId", taskId);
        context.JournalData["TaskId"] = taskId;
        context.Workflow.Effects.Add(new RunTaskEffect(context.Workflow.InstanceId, taskId, taskName, DynamicJson.ToNode(context.Get("Payload"))));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        context.SetOutput("Result", context.Workflow.Input.GetValueOrDefault(ResultInputKey));
        return context.CompleteAsync();
    }
}
