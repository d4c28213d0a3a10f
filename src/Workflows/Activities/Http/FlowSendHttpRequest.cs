using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// <c>Elsa.FlowSendHttpRequest</c>: sends a request and completes with the status code (or <c>Unmatched status code</c>)
/// and <c>Done</c>; <c>Failed to connect</c> or <c>Timeout</c> on errors.
/// </summary>
public sealed class FlowSendHttpRequest(WorkflowHttp http) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.FlowSendHttpRequest";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "HTTP", "Send an HTTP request.", displayName: "HTTP Request (flow)", kind: ActivityKind.Task,
        inputs: [Input("ExpectedStatusCodes", "List<Int32>", "A list of expected status codes to handle.", uiHint: "dynamic-outcomes", defaultValue: new JsonArray(200), defaultSyntax: "Object"), .. HttpRequestSender.CommonInputs],
        outputs: HttpRequestSender.Outputs);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await HttpRequestSender.SendAsync(context, http);
        if (result.Failure is { } failure)
        {
            await context.CompleteAsync([failure]);
            return;
        }

        var expected = context.Get<List<int>>("ExpectedStatusCodes") ?? [200];
        var status = result.StatusCode!.Value;
        var outcome = expected.Contains(status) ? status.ToString(CultureInfo.InvariantCulture) : "Unmatched status code";
        await context.CompleteAsync([outcome, "Done"]);
    }
}
