using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Stimuli: publish an event, complete a task, resume a bookmark.</summary>
public static class EventsApi
{
    /// <summary>Maps the authenticated routes.</summary>
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/events/{eventName}/trigger", TriggerAsync).WithTags("Events").WithName("TriggerEvent");
        api.MapPost("/tasks/{taskId}/complete", CompleteTaskAsync).WithTags("Tasks").WithName("CompleteTask");
        api.MapPost("/bookmarks/{bookmarkId}/resume", ResumeBookmarkAsync).WithTags("Bookmarks").WithName("ResumeBookmarkById");
        return api;
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem>> TriggerAsync(string eventName, HttpRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(eventName) || eventName.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["eventName"] = ["The event name must be 1 to 200 characters."] });
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var mode = RequestBody.String(body, "workflowExecutionMode") ?? "Asynchronous";
        if (mode is not ("Asynchronous" or "Synchronous"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workflowExecutionMode"] = ["workflowExecutionMode must be Asynchronous or Synchronous."] });
        var payload = ActivityJson.Get(body, "input");
        var stimulus = Stimulus.ForEvent(eventName, DynamicJson.FromNode(payload), RequestBody.String(body, "correlationId"), RequestBody.String(body, "workflowInstanceId"), RequestBody.String(body, "activityInstanceId"));
        var affected = await runtime.DeliverAsync(stimulus, cancellationToken);
        return TypedResults.Ok(new JsonObject { ["workflowInstanceIds"] = new JsonArray(affected.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()) });
    }

    private static async Task<Ok<JsonObject>> CompleteTaskAsync(string taskId, HttpRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var affected = await runtime.DeliverAsync(Stimulus.ForTask(taskId, DynamicJson.FromNode(ActivityJson.Get(body, "result"))), cancellationToken);
        return TypedResults.Ok(new JsonObject { ["workflowInstanceIds"] = new JsonArray(affected.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()) });
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult, ValidationProblem>> ResumeBookmarkAsync(string bookmarkId, HttpRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var instanceId = RequestBody.String(body, "workflowInstanceId");
        if (instanceId is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workflowInstanceId"] = ["workflowInstanceId is required."] });
        var result = await runtime.ResumeAsync(instanceId, bookmarkId, RequestBody.Object(body, "input"), cancellationToken);
        return result is null
            ? WorkflowDefinitionsApi.NotFound($"Bookmark '{bookmarkId}' of workflow instance '{instanceId}' was not found or was already resumed.")
            : TypedResults.Ok(new JsonObject { ["workflowInstanceId"] = instanceId, ["status"] = result.State.Status.ToString(), ["subStatus"] = result.State.SubStatus.ToString() });
    }
}
