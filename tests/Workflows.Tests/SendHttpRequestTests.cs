using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Activities.Http;
using static Opiskeluhuolto.TestSupport.Flow;
using static Opiskeluhuolto.Workflows.Tests.LoopingActivityTests;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Elsa.SendHttpRequest: the activity of the matching status-code case runs, else the unmatched or failure port.</summary>
public sealed class SendHttpRequestTests
{
    private static async Task<List<string>> RunAsync(Func<HttpResponseMessage> respond)
    {
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton(new WorkflowHttp(new Answer(respond))));
        var request = Node("send", "Elsa.SendHttpRequest", new JsonObject
        {
            ["url"] = Literal("Uri", "https://asianhallinta.hyvinvointialue.example/plans"),
            ["method"] = Literal("String", "POST"),
            ["expectedStatusCodes"] = new JsonArray(new JsonObject { ["statusCode"] = 201, ["activity"] = Line("created", "created") }),
            ["unmatchedStatusCode"] = Say("other", "return 'other ' + getStatusCodeFromSend();"),
            ["failedToConnect"] = Line("offline", "offline"),
        });
        var document = JsonNode.Parse(Definition("send", Seq("root", request, Line("after", "after"))))!.AsObject();
        document["toolVersion"] = "3.8.0.0";
        await host.ImportAsync(document.ToJsonString());
        var result = await host.StartAsync("send");
        Assert.Empty(result.State.Incidents);
        return await TextsAsync(host, result.State.Id);
    }

    [Fact]
    public async Task AnExpectedStatus_RunsItsCase() =>
        Assert.Equal(["created", "after"], await RunAsync(() => new HttpResponseMessage(HttpStatusCode.Created)));

    [Fact]
    public async Task AnotherStatus_RunsUnmatched() =>
        Assert.Equal(["other 500", "after"], await RunAsync(() => new HttpResponseMessage(HttpStatusCode.InternalServerError)));

    [Fact]
    public async Task ANetworkFailure_RunsFailedToConnect() =>
        Assert.Equal(["offline", "after"], await RunAsync(() => throw new HttpRequestException("connection refused")));

    private sealed class Answer(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(respond());
    }
}
