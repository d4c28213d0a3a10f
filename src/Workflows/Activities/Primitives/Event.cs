using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
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
