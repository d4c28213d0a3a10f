using System.Net;
using System.Text.Json.Nodes;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// HTTP Endpoint → HTTP Response under /workflows/ (elsa-core's HttpEndpoint scenario: a route parameter and a JSON
/// body read by the workflow, its answer written back), waiting endpoints, authorize, body cap and rate limit.
/// </summary>
public sealed class WorkflowHttpEndpointTests
{
    private static JsonObject Endpoint(string path, string methods = "[\"POST\"]", bool authorize = false, long? sizeLimit = null, bool canStart = true)
    {
        var members = new JsonObject
        {
            ["path"] = Literal("String", path),
            ["supportedMethods"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = methods } },
            ["authorize"] = Literal("Boolean", authorize),
        };
        if (sizeLimit is not null) members["requestSizeLimit"] = Literal("Int64", sizeLimit);
        return Node("endpoint", "Elsa.HttpEndpoint", members, canStart);
    }

    private static JsonObject Respond(string script, string status = "Created") => Node("respond", "Elsa.WriteHttpResponse", new JsonObject
    {
        ["statusCode"] = Literal("HttpStatusCode", status),
        ["content"] = Js("Object", script),
        ["responseHeaders"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{\"X-Plan\":\"yes\"}" } },
    });

    private static string Decision(bool authorize = false, long? sizeLimit = null) => Definition("plan-decision", Chart(
        [Endpoint("plans/{planId}/decision", authorize: authorize, sizeLimit: sizeLimit), Respond("return 'plan ' + getRouteDataFromEndpoint().planId + ': ' + getParsedContentFromEndpoint().decision + ' (' + getQueryStringDataFromEndpoint().lang + ')';")],
        [Connect("endpoint", "respond")]));

    [Fact]
    public async Task APostToTheRoute_StartsTheWorkflow_WhichAnswersWithRouteValueAndBody()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Decision());
        using var client = app.CreateClient();

        var response = await client.PostAsync("/workflows/plans/42/decision?lang=fi", TestApp.Json("{\"decision\":\"approve\"}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("plan 42: approve (fi)", await response.Content.ReadAsStringAsync());
        Assert.Equal("yes", response.Headers.GetValues("X-Plan").Single());
        using var admin = app.Admin();
        var instances = await (await admin.GetAsync("/elsa/api/workflow-instances?definitionId=plan-decision")).JsonAsync();
        Assert.Equal("Finished", instances["items"]![0]!["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task OtherMethodsAndPaths_Get404_AndABadBody400()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Decision());
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/workflows/plans/42/decision")).StatusCode);
        var missing = await client.PostAsync("/workflows/plans/42/other", TestApp.Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        var bad = await client.PostAsync("/workflows/plans/42/decision", TestApp.Json("{\"decision\":"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Authorize_RequiresAnApiCredential_NotTheCookie()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Decision(authorize: true));
        using var anonymous = app.CreateClient();
        using var admin = app.Admin();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/workflows/plans/7/decision", TestApp.Json("{\"decision\":\"x\"}"))).StatusCode);
        var allowed = await admin.PostAsync("/workflows/plans/7/decision?lang=sv", TestApp.Json("{\"decision\":\"x\"}"));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal("plan 7: x (sv)", await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABodyOverTheEndpointsLimit_Gets413_AndStartsNothing()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Decision(sizeLimit: 20));
        using var client = app.CreateClient();

        var response = await client.PostAsync("/workflows/plans/1/decision", TestApp.Json("{\"decision\":\"" + new string('a', 100) + "\"}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var admin = app.Admin();
        Assert.Equal(0, (await (await admin.GetAsync("/elsa/api/workflow-instances?definitionId=plan-decision")).JsonAsync())["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task TooManyRequestsFromOneAddress_Get429()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["HttpActivities:EndpointRequestsPerMinute"] = "2" });
        await app.ImportAsync(Decision());
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.PostAsync("/workflows/plans/1/decision", TestApp.Json("{\"decision\":\"a\"}"))).StatusCode);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task AWaitingEndpoint_IsResumedForTheNamedInstance_AndTwoWaitingAreAmbiguous()
    {
        await using var app = new TestApp();
        await app.ImportAsync(Definition("confirm", Chart(
            [Node("start", "Elsa.Start"), Endpoint("orders/{id}/confirm", canStart: false), Respond("return { order: getRouteDataFromEndpoint().id, instance: getWorkflowInstanceId() };", "OK")],
            [Connect("start", "endpoint"), Connect("endpoint", "respond")])));
        using var admin = app.Admin();
        var first = (await (await admin.PostEmptyAsync("/elsa/api/workflow-definitions/confirm/execute")).JsonAsync())["workflowState"]!["id"]!.GetValue<string>();
        var second = (await (await admin.PostEmptyAsync("/elsa/api/workflow-definitions/confirm/execute")).JsonAsync())["workflowState"]!["id"]!.GetValue<string>();
        using var client = app.CreateClient();

        var ambiguous = await client.PostAsync("/workflows/orders/9/confirm", TestApp.Json("{}"));
        var resumed = await client.PostAsync($"/workflows/orders/9/confirm?workflowInstanceId={second}", TestApp.Json("{}"));

        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var body = await resumed.Content.ReadAsStringAsync();
        Assert.Equal("9", JsonNode.Parse(body)!["order"]!.GetValue<string>());
        Assert.Equal(second, JsonNode.Parse(body)!["instance"]!.GetValue<string>());
        var states = await (await admin.GetAsync("/elsa/api/workflow-instances?definitionId=confirm")).JsonAsync();
        Assert.Equal("Finished", states["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == second)!["subStatus"]!.GetValue<string>());
        Assert.Equal("Suspended", states["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == first)!["subStatus"]!.GetValue<string>());
    }
}
