using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Composition;

/// <summary>Shared behaviour of ExecuteWorkflow and DispatchWorkflow: start a child instance after commit and optionally wait for it.</summary>
public abstract class ChildWorkflowActivity : Activity
{
    /// <summary>Inputs common to both.</summary>
    protected static List<InputDescriptor> CommonInputs() =>
    [
        Input("WorkflowDefinitionId", "String", "The definition ID of the workflow to run.", uiHint: "workflow-definition-picker"),
        Input("CorrelationId", "String", "The correlation ID to associate the workflow with."),
        Input("Input", "ObjectDictionary", "The input to send to the workflow.", uiHint: "json-editor", defaultSyntax: "Object"),
        Input("WaitForCompletion", "Boolean", "Wait for the child workflow to complete before completing this activity."),
    ];

    /// <summary>The stimulus of a child's completion.</summary>
    public static JsonObject Stimulus(string childInstanceId) => new() { ["ChildInstanceId"] = childInstanceId };

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = context.Get<string>("WorkflowDefinitionId") ?? throw new InvalidOperationException("No workflow definition id given.");
        var wait = context.Get<bool?>("WaitForCompletion") == true;
        var childId = context.Workflow.Services.NewId();
        var input = context.Get<Dictionary<string, object?>>("Input") ?? [];
        input["ParentInstanceId"] = context.Workflow.InstanceId;
        context.Workflow.Effects.Add(new DispatchWorkflowEffect(definitionId, childId, (JsonObject?)DynamicJson.ToNode(input), context.Get<string>("CorrelationId"), context.Workflow.InstanceId, wait));
        context.JournalData["ChildInstanceId"] = childId;
        if (!wait)
        {
            context.SetOutput("Result", ImmediateResult(childId));
            return context.CompleteAsync();
        }

        context.CreateBookmark(payload: Stimulus(childId));
        return ValueTask.CompletedTask;
    }

    /// <summary>Result when not waiting.</summary>
    protected virtual object? ImmediateResult(string childId) => null;

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        context.SetOutput("Result", context.Workflow.Input.ToDictionary(p => p.Key, p => p.Value));
        return context.CompleteAsync();
    }
}

/// <summary><c>Elsa.ExecuteWorkflow</c>: starts a published workflow as a child instance (dispatched after this burst commits).</summary>
public sealed class ExecuteWorkflow : ChildWorkflowActivity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.ExecuteWorkflow";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Executes a workflow.", kind: ActivityKind.Task, inputs: CommonInputs(), outputs: [Output("Result")]);

    /// <inheritdoc />
    protected override object? ImmediateResult(string childId) => new Dictionary<string, object?> { ["workflowInstanceId"] = childId, ["status"] = "Running", ["subStatus"] = "Pending" };
}

/// <summary><c>Elsa.DispatchWorkflow</c>: dispatches a published workflow in the background.</summary>
public sealed class DispatchWorkflow : ChildWorkflowActivity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.DispatchWorkflow";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Create a new workflow instance of the specified workflow and dispatch it for execution.",
        inputs: [.. CommonInputs(), Input("StartNewTrace", "Boolean", "Start a new trace."), Input("ChannelName", "String", "The channel to dispatch on.")], outputs: [Output("Result")]);
}
