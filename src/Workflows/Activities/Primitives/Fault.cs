using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.Fault</c>: raises a fault (incident).</summary>
public sealed class Fault : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Fault";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Faults the workflow.", outcomes: [],
        inputs:
        [
            Input("Code", "String", "The code to assign to the fault.", defaultValue: "0"),
            Input("Category", "String", "The category to assign to the fault.", defaultValue: "General"),
            Input("FaultType", "String", "The type of fault.", defaultValue: "System", displayName: "Type"),
            Input("Message", "String", "The message to include with the fault."),
        ]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new FaultException(context.Get<string>("Code") ?? "0", context.Get<string>("Category") ?? "General", context.Get<string>("FaultType") ?? "System", context.Get<string>("Message") ?? "Fault");
}
