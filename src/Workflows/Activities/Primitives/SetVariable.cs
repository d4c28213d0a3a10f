using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.SetVariable</c>: sets a declared variable (resolved by id).</summary>
public sealed class SetVariable : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SetVariable";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Assign a value to a workflow variable.", displayName: "Set Variable",
        inputs: [Input("Variable", "Object", "The variable to assign the value to.", uiHint: "variable-picker", wrapped: false), Input("Value", "Object", "The value to assign.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reference = context.Node.Get("variable") as JsonObject;
        var id = reference is null ? null : ActivityJson.GetString(reference, "id");
        var slot = (id is null ? null : context.FindVariableById(id))
            ?? (reference is not null && ActivityJson.GetString(reference, "name") is { } name && id is null ? context.FindVariableByName(name) : null)
            ?? throw new InvalidOperationException($"Variable '{id ?? "(none)"}' not found.");
        slot.Set(context.Get("Value"));
        return context.CompleteAsync();
    }
}
