using System.Collections;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Composition;

/// <summary><c>Elsa.BulkDispatchWorkflows</c>: dispatches one child instance per item; optionally waits for all of them.</summary>
public sealed class BulkDispatchWorkflows : Activity
{
    private const string ExpectedProperty = "ExpectedChildren";
    private const string FinishedProperty = "FinishedChildren";

    /// <inheritdoc />
    public override string TypeName => "Elsa.BulkDispatchWorkflows";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("ChildCompleted"), new("ChildFaulted")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Composition", "Dispatch a workflow instance for each item in the specified collection.", displayName: "Bulk Dispatch Workflows", kind: ActivityKind.Task,
        inputs:
        [
            Input("WorkflowDefinitionId", "String", "The definition ID of the workflow to dispatch.", uiHint: "workflow-definition-picker"),
            Input("Items", "Object", "An enumerable of inputs representing the workflows to dispatch. Each item represents the input to send to the workflow instance.", defaultSyntax: "JavaScript"),
            Input("DefaultItemInputKey", "String", "The default key to use for the item input.", defaultValue: "Item"),
            Input("CorrelationIdFunction", "String", "A JavaScript function evaluated per item (getItem()) that returns the correlation ID.", autoEvaluate: false),
            Input("Input", "ObjectDictionary", "Additional input to send to the workflow.", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("WaitForCompletion", "Boolean", "Wait for the child workflows to complete before completing this activity.", defaultValue: true),
            Input("StartNewTrace", "Boolean", "Start a new trace."),
            Input("ChannelName", "String", "The channel to dispatch on."),
        ],
        outcomes: ["Completed", "Canceled", "Done"], embedded: EmbeddedPorts);

    /// <summary>The stimulus payload children use to report back.</summary>
    public static JsonObject Stimulus(string parentInstanceId) => new() { ["ParentInstanceId"] = parentInstanceId };

    /// <summary>
    /// The wait of one bulk dispatch: its children report to it alone, so two bulk dispatches waiting in the same
    /// instance at once each count their own children.
    /// </summary>
    public static JsonObject Stimulus(string parentInstanceId, string activityInstanceId) => new() { ["ParentInstanceId"] = parentInstanceId, ["ActivityInstanceId"] = activityInstanceId };

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = context.Get<string>("WorkflowDefinitionId") ?? throw new InvalidOperationException("No workflow definition id given.");
        var items = context.Get("Items") switch
        {
            null => [],
            string s => [s],
            IDictionary<string, object?> d => [d],
            IEnumerable e => e.Cast<object?>().ToList(),
            var single => new List<object?> { single },
        };
        var wait = context.Get<bool?>("WaitForCompletion") ?? true;
        var key = context.Get<string>("DefaultItemInputKey") ?? "Item";
        var extra = context.Get<Dictionary<string, object?>>("Input") ?? [];
        var correlation = InputExpression.FromInput(context.Node.Get("correlationIdFunction"));
        foreach (var item in items)
        {
            var input = new Dictionary<string, object?>(extra);
            if (item is IDictionary<string, object?> fields)
            {
                foreach (var (k, v) in fields) input[k] = v;
            }
            else
            {
                input[key] = item;
            }

            input["ParentInstanceId"] = context.Workflow.InstanceId;
            string? correlationId = null;
            if (correlation is not null)
            {
                context.Transient["ScriptArguments"] = new Dictionary<string, object?> { ["Item"] = item };
                correlationId = await context.EvaluateAsync(correlation, typeof(string)) as string;
                context.Transient.Remove("ScriptArguments");
            }

            context.Workflow.Effects.Add(new DispatchWorkflowEffect(definitionId, context.Workflow.Services.NewId(), (JsonObject?)DynamicJson.ToNode(input), correlationId, context.Workflow.InstanceId, wait)
            {
                ParentActivityInstanceId = wait ? context.Id : null,
            });
        }

        if (!wait || items.Count == 0)
        {
            await context.CompleteAsync();
            return;
        }

        context.Properties[ExpectedProperty] = items.Count;
        context.Properties[FinishedProperty] = 0;
        context.CreateBookmark(payload: Stimulus(context.Workflow.InstanceId, context.Id), autoBurn: false);
    }

    /// <inheritdoc />
    public override async ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var finished = (context.Properties[FinishedProperty]?.GetValue<int>() ?? 0) + 1;
        context.Properties[FinishedProperty] = finished;
        var faulted = context.Workflow.Input.GetValueOrDefault("WorkflowSubStatus") as string == nameof(WorkflowSubStatus.Faulted);
        var port = context.Node.Children.FirstOrDefault(c => c.Port == (faulted ? "ChildFaulted" : "ChildCompleted"));
        if (port is not null)
        {
            var child = new VariableSlot(context.Workflow.Services.NewId(), "ChildInstanceId", typeof(string), null, isDynamic: true);
            child.Set(context.Workflow.Input.GetValueOrDefault("WorkflowInstanceId"));
            context.ScheduleChild(port, variables: [child]);
            return;
        }

        await CompleteWhenAllReportedAsync(context);
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) => CompleteWhenAllReportedAsync(context);

    private static ValueTask CompleteWhenAllReportedAsync(ActivityExecutionContext context)
    {
        var expected = context.Properties[ExpectedProperty]?.GetValue<int>() ?? 0;
        var finished = context.Properties[FinishedProperty]?.GetValue<int>() ?? 0;
        if (finished < expected || context.HasPendingWork()) return ValueTask.CompletedTask;
        return context.CompleteAsync(["Completed", "Done"]);
    }
}
