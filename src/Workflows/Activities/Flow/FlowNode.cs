using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary><c>Elsa.FlowNode</c> ("Container"): runs its <c>Body</c> and completes when the body completes.</summary>
public sealed class FlowNode : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowNode";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Body")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Flow", "A simple container that executes the specified activity.", displayName: "Container", embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Node.Children.FirstOrDefault(c => c.Port == "Body");
        if (body is null) return context.CompleteAsync();
        context.ScheduleChild(body);
        return ValueTask.CompletedTask;
    }
}
