using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>The engine side of HTTP Endpoint and HTTP Response (the web side is in the Host's WorkflowHttpEndpointTests).</summary>
public sealed class HttpEndpointActivityTests
{
    [Fact]
    public async Task PublishedEndpoint_IndexesOneTriggerPerMethod_WithElsasNormalisedPath()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("endpoint", Chart([Node("in", "Elsa.HttpEndpoint", new JsonObject
        {
            ["path"] = Literal("String", "/Plans/{planId}/decision/"),
            ["supportedMethods"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"POST\",\"put\"]" } },
        }, canStart: true)], [])));

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var payloads = (await db.Triggers.Where(t => t.WorkflowDefinitionId == "endpoint").ToListAsync()).Select(t => JsonNode.Parse(t.Payload!)!).ToList();

        Assert.Equal(["post", "put"], payloads.Select(p => p["Method"]!.GetValue<string>()).Order());
        Assert.All(payloads, p => Assert.Equal("/plans/{planid}/decision", p["Path"]!.GetValue<string>()));
        Assert.All(payloads, p => Assert.Equal("Plans/{planId}/decision", p["Route"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WriteHttpResponse_WithoutARequest_FaultsWithAnIncident()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("respond", Chart([Node("out", "Elsa.WriteHttpResponse", new JsonObject { ["content"] = Literal("Object", "hi") })], [])));

        var result = await host.StartAsync("respond");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Contains("not started or resumed by an HTTP request", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }
}
