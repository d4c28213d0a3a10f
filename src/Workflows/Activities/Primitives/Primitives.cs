using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.WriteLine</c>: writes a line to the host's console log.</summary>
public sealed class WriteLine : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.WriteLine";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Console", "Write a line of text to the console.", displayName: "Write Line",
        inputs: [Input("Text", "String", "The text to write.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.Effects.Add(new WriteLineEffect(context.Workflow.InstanceId, context.Get<string>("Text") ?? ""));
        return context.CompleteAsync();
    }
}

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

/// <summary><c>Elsa.SetName</c>: sets the workflow instance name.</summary>
public sealed class SetName : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SetName";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Set the name of the workflow instance.", displayName: "Set Name",
        inputs: [Input("Value", "String", "The name to set.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.Name = context.Get<string>("Value") ?? "";
        return context.CompleteAsync();
    }
}

/// <summary><c>Elsa.Correlate</c>: sets the instance correlation id.</summary>
public sealed class Correlate : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.Correlate";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Set the CorrelationId of the workflow to a given value.",
        inputs: [Input("CorrelationId", "String", "An expression that evaluates to the value to store as the correlation id.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.CorrelationId = context.Get<string>("CorrelationId");
        return context.CompleteAsync();
    }
}

/// <summary><c>Elsa.SetOutput</c>: sets an output of the enclosing composite, else of the workflow.</summary>
public sealed class SetOutput : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SetOutput";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Assigns a value to an output of the workflow or composite activity.", displayName: "Set Output",
        inputs: [Input("OutputName", "String", "The name of the output to assign.", uiHint: "output-picker"), Input("OutputValue", "Object", "The value to assign.")]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get<string>("OutputName") ?? throw new InvalidOperationException("Set Output needs an output name.");
        var value = context.Get("OutputValue");
        var composite = context.Ancestors.FirstOrDefault(a => a.Activity is Composition.WorkflowDefinitionActivity);
        if (composite?.Node.CompositeDefinition?.Outputs.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)) == true)
            composite.SetOutput(name, value);
        else
            context.Workflow.Output[name] = value;
        return context.CompleteAsync();
    }
}

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
