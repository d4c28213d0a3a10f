using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

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
