using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Primitives;

/// <summary><c>Elsa.RunTask</c>: requests a task from an external handler and waits for <c>/tasks/{taskId}/complete</c>.</summary>
public sealed class RunTask : Activity
{
    /// <summary>Input key of the task result in the resumed burst.</summary>
    public const string ResultInputKey = "RunTaskInput";

    /// <inheritdoc />
    public override string TypeName => "Elsa.RunTask";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Primitives", "Dispatches a request for running a task and waits for a signal to continue.", displayName: "Run Task",
        inputs: [Input("TaskName", "String", "The name of the task being requested."), Input("Payload", "ObjectDictionary", "Any additional parameters to send to the task.", uiHint: "json-editor", defaultSyntax: "Object")],
        outputs: [Output("TaskId", "String", "The ID of the task."), Output("Result", "Object", "The result of the task.")]);

    /// <summary>The stimulus payload of a task id.</summary>
    public static JsonObject Stimulus(string taskId) => new() { ["TaskId"] = taskId };

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var taskId = context.Workflow.Services.NewId();
        var taskName = context.Get<string>("TaskName") ?? "";
        context.CreateBookmark(payload: Stimulus(taskId), metadata: new JsonObject { ["TaskName"] = taskName });
        context.SetOutput("TaskId", taskId);
        context.JournalData["TaskId"] = taskId;
        context.Workflow.Effects.Add(new RunTaskEffect(context.Workflow.InstanceId, taskId, taskName, DynamicJson.ToNode(context.Get("Payload"))));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        context.SetOutput("Result", context.Workflow.Input.GetValueOrDefault(ResultInputKey));
        return context.CompleteAsync();
    }
}
