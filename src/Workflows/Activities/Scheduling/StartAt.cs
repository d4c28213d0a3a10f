using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

/// <summary><c>Elsa.StartAt</c>: waits until a point in time (a past time continues at once).</summary>
public sealed class StartAt : TimerActivityBase
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.StartAt";

    /// <inheritdoc />
    protected override string DueMember => "ExecuteAt";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Scheduling", "Trigger execution at a specific time in the future.", displayName: "Start At", kind: ActivityKind.Trigger,
        inputs: [Input("DateTime", "DateTimeOffset", "The timestamp at which the workflow should be triggered.", uiHint: "datetime-picker")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow) return context.CompleteAsync();
        var at = context.Get<DateTimeOffset?>("DateTime") ?? context.Workflow.Now;
        context.JournalData["Executed At"] = at.ToString("O", CultureInfo.InvariantCulture);
        return at <= context.Workflow.Now ? context.CompleteAsync() : WaitUntil(context, at);
    }

    /// <inheritdoc />
    public override IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context)
    {
        if (context.GetInput("DateTime") is DateTimeOffset at)
            yield return new TriggerPayload(TypeName, new JsonObject { ["ExecuteAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) });
    }
}
