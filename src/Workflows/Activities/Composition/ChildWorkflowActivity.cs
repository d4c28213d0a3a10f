using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
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
