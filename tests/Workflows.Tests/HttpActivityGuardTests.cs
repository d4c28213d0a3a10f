using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Opiskeluhuolto.Workflows.Activities.Http;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>A workflow's HTTP request cannot reach what only the server can reach, follow redirects, or pull in any size.</summary>
public sealed class HttpActivityGuardTests
{
    private static string Workflow(string url) => new JsonObject
    {
        ["id"] = "http-guard-1", ["definitionId"] = "http-guard", ["name"] = "HTTP guard", ["version"] = 1, ["isLatest"] = true, ["isPublished"] = true,
        ["variables"] = new JsonArray(new JsonObject { ["id"] = "body", ["name"] = "Body", ["typeName"] = "Object" }),
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["nodeId"] = "Workflow1:flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "fetch", ["nodeId"] = "Workflow1:flow:fetch", ["name"] = "Fetch", ["type"] = "Elsa.FlowSendHttpRequest", ["version"] = 1,
                ["url"] = new JsonObject { ["typeName"] = "System.Uri, System.Private.Uri", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = url } },
                ["method"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "GET" } },
                ["parsedContent"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "body" } },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    private static async Task<WorkflowState> RunAsync(string url, Action<IServiceCollection>? configure = null)
    {
        await using var host = await EngineHost.StartAsync(configure);
        await host.ImportAsync(Workflow(url));
        return (await host.StartAsync("http-guard")).State;
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/plans")]
    [InlineData("http://localhost:{port}/plans")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/plans")]
    public async Task ARequestToThisMachine_Faults_AndNothingIsSent(string template)
    {
        using var server = new LocalHttpServer(200, """{"secret":true}""");

        var state = await RunAsync(template.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        var incident = Assert.Single(state.Incidents);
        Assert.Contains("loopback", incident.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task AHostOutsideTheAllowList_Faults_BeforeAnyLookup()
    {
        var state = await RunAsync("https://metadata.internal.example/latest", s =>
        {
            s.RemoveAll<Microsoft.Extensions.Options.IConfigureOptions<HttpActivityOptions>>();
            s.Configure<HttpActivityOptions>(o => o.AllowedHosts.Add("*.hyvinvointialue.example"));
        });

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Contains("HttpActivities:AllowedHosts", Assert.Single(state.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResponseOverTheCap_Faults_AndIsNotStored()
    {
        var fiveMegabytes = new string('x', 5 * 1024 * 1024);
        var state = await RunAsync("https://asianhallinta.hyvinvointialue.example/export", s =>
            s.AddSingleton(new WorkflowHttp(new Answer(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(fiveMegabytes) }))));

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Contains("MaxResponseBytes", Assert.Single(state.Incidents).Message, StringComparison.Ordinal);
        Assert.True(System.Text.Json.JsonSerializer.Serialize(state).Length < 100_000, "the response must not reach the instance state");
    }

    [Fact]
    public async Task AResponseUnderTheCap_IsRead()
    {
        var state = await RunAsync("https://asianhallinta.hyvinvointialue.example/export", s =>
            s.AddSingleton(new WorkflowHttp(new Answer(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("pieni vastaus") }))));

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Theory]
    [InlineData("169.254.169.254", false, "reserved")]
    [InlineData("127.0.0.53", true, "loopback")]
    [InlineData("::1", true, "loopback")]
    [InlineData("fe80::1", true, "link-local")]
    [InlineData("0.0.0.0", true, "reserved")]
    [InlineData("10.20.30.40", false, "private")]
    [InlineData("192.168.1.1", false, "private")]
    [InlineData("fd00::5", false, "private")]
    [InlineData("::ffff:10.0.0.1", false, "private")]
    public void ForbiddenAddresses_AreRefused(string address, bool listed, string reason) =>
        Assert.Contains(reason, HttpDestinations.Refusal(IPAddress.Parse(address), listed), StringComparison.Ordinal);

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("192.168.1.1")]
    public void PrivateAddresses_OfAListedHost_AreAllowed(string address) =>
        Assert.Null(HttpDestinations.Refusal(IPAddress.Parse(address), listedHost: true));

    [Fact]
    public void PublicAddresses_AreAllowed_AndRedirectsAreNotFollowed()
    {
        Assert.Null(HttpDestinations.Refusal(IPAddress.Parse("193.166.3.2"), listedHost: false));
        Assert.Null(HttpDestinations.Refusal(IPAddress.Parse("2001:708:10::5"), listedHost: false));
        using var handler = HttpDestinations.Handler(new HttpActivityOptions());
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
    }

    private sealed class Answer(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(respond());
    }
}
