using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>The Studio's Test tab: runs one activity of a workflow on its own and shows what it did; nothing is stored or sent.</summary>
public static class ActivityTestsApi
{
    /// <summary>Maps <c>POST /tests/activities</c>.</summary>
    public static RouteGroupBuilder MapActivityTestsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/tests/activities", RunAsync).WithTags("Workflow definitions").WithName("TestActivity")
            .WithSummary("Runs one activity of a workflow in a throw-away instance: its outputs, outcomes, journal and fault; mail, dispatches and HTTP requests are listed, never performed.");
        return api;
    }

    private static async Task<IResult> RunAsync(HttpRequest request, WorkflowDefinitionService definitions, ActivityTester tester, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        var definitionHandle = ActivityJson.Get(body, "workflowDefinitionHandle") as JsonObject;
        var activityHandle = ActivityJson.Get(body, "activityHandle") as JsonObject;
        var versionId = definitionHandle is null ? null : RequestBody.String(definitionHandle, "definitionVersionId");
        var definitionId = definitionHandle is null ? null : RequestBody.String(definitionHandle, "definitionId");
        var activity = activityHandle is null ? null : RequestBody.String(activityHandle, "activityNodeId") ?? RequestBody.String(activityHandle, "activityId");
        var errors = new Dictionary<string, string[]>();
        if (versionId is null && definitionId is null) errors["workflowDefinitionHandle"] = ["Name the workflow: definitionVersionId or definitionId."];
        if (activity is null) errors["activityHandle"] = ["Name the activity: activityNodeId or activityId."];
        var options = VersionOptions.Latest;
        if (definitionHandle is not null && RequestBody.String(definitionHandle, "versionOptions") is { } text && !VersionOptions.TryParse(text, out options))
            errors["workflowDefinitionHandle.versionOptions"] = [$"Unknown version option '{text}'."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var definition = versionId is not null ? await definitions.FindByVersionIdAsync(versionId, cancellationToken) : await definitions.FindAsync(definitionId!, options, cancellationToken);
        if (definition is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Workflow '{versionId ?? definitionId}' was not found.");
        var result = await tester.RunAsync(definition, activity!, cancellationToken);
        if (result is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Workflow '{definition.DefinitionId}' has no activity '{activity}'.");

        var record = result.Record;
        // The Studio's Test tab reads these as Elsa's TestActivityResponse: an object of evaluated inputs (shown to the
        // admin, so a side effect that was not performed says so there), an ActivityStatus it knows.
        var state = record?.ActivityState?.DeepClone() as JsonObject ?? [];
        if (result.NotRun is not null) state["NotRun"] = result.NotRun;
        return Results.Json(new JsonObject
        {
            ["activityState"] = state,
            ["payload"] = record?.Payload?.DeepClone() ?? new JsonObject { ["Outcomes"] = new JsonArray([.. result.Outcomes.Select(o => (JsonNode)JsonValue.Create(o)!)]) },
            ["outputs"] = record?.Outputs?.DeepClone(),
            ["exception"] = record?.Exception is null ? null : JsonSerializer.SerializeToNode(record.Exception, WorkflowJson.Options),
            ["status"] = result.NotRun is not null ? "Canceled" : (record?.Status ?? Opiskeluhuolto.Workflows.Model.ActivityStatus.Pending).ToString(),
            ["outcomes"] = new JsonArray([.. result.Outcomes.Select(o => (JsonNode)JsonValue.Create(o)!)]),
            ["journal"] = new JsonArray([.. result.Journal.Select(r => JsonSerializer.SerializeToNode(r, WorkflowJson.Options))]),
            ["sideEffects"] = new JsonArray([.. result.Effects.Select(Describe)]),
            ["notRun"] = result.NotRun,
        });
    }

    // What a mail or another effect would have been, for the admin to read; the test run never performs it.
    private static JsonNode Describe(WorkflowEffect effect) => effect switch
    {
        SendEmailEffect mail => new JsonObject { ["kind"] = "Email", ["to"] = new JsonArray([.. mail.To.Select(t => (JsonNode)JsonValue.Create(t)!)]), ["subject"] = mail.Subject },
        _ => new JsonObject { ["kind"] = effect.GetType().Name.Replace("Effect", "", StringComparison.Ordinal) },
    };
}
