using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// <c>Elsa.SendHttpRequest</c> (for sequences and other structured containers): sends a request and runs the activity
/// of the matching <c>expectedStatusCodes</c> case (<c>{statusCode, activity}</c>), else <c>unmatchedStatusCode</c>;
/// <c>failedToConnect</c> or <c>timeout</c> on errors. It completes when that activity has (at once without one).
/// </summary>
public sealed class SendHttpRequest(WorkflowHttp http) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SendHttpRequest";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } =
        [new("ExpectedStatusCodes", EmbeddedPortShape.Cases), new("UnmatchedStatusCode"), new("FailedToConnect"), new("Timeout")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "HTTP", "Send an HTTP request.", displayName: "HTTP Request", kind: ActivityKind.Task,
        inputs: [Input("ExpectedStatusCodes", "Object", "A list of expected status codes to handle and the corresponding activity to execute when the status code matches.", uiHint: "http-status-codes", wrapped: false, autoEvaluate: false), .. HttpRequestSender.CommonInputs],
        outputs: HttpRequestSender.Outputs, embedded: [new("UnmatchedStatusCode"), new("FailedToConnect"), new("Timeout")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await HttpRequestSender.SendAsync(context, http);
        JsonObject? target = result.Failure switch
        {
            "Timeout" => context.Node.Get("timeout") as JsonObject,
            { } => context.Node.Get("failedToConnect") as JsonObject,
            null => (context.Node.Get("expectedStatusCodes") as JsonArray ?? []).OfType<JsonObject>()
                        .FirstOrDefault(c => ActivityJson.Get(c, "statusCode") is JsonValue v && v.TryGetValue<int>(out var code) && code == result.StatusCode)
                        is { } match ? ActivityJson.Get(match, "activity") as JsonObject : context.Node.Get("unmatchedStatusCode") as JsonObject,
        };
        if (target is not null && context.Node.Children.FirstOrDefault(c => c.Json == target) is { } child)
        {
            context.ScheduleChild(child);
            return;
        }

        await context.CompleteAsync();
    }
}
