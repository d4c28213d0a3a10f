using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

public sealed class ExamplesApiTests
{
    [Fact]
    public async Task PlanApproval_DispatchThenApproveLink_FinishesApproved()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();

        var dispatch = await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/dispatch", """{"input":{"PlanId":"P-42","ApproverEmail":"boss@example.com"}}""");
        Assert.Equal(HttpStatusCode.OK, dispatch.StatusCode);
        var instanceId = (await dispatch.JsonAsync())["workflowInstanceId"]!.GetValue<string>();
        await app.RunBackgroundAsync();

        var instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Suspended", instance["subStatus"]!.GetValue<string>());
        Assert.Equal("plan-P-42", instance["correlationId"]!.GetValue<string>());
        var mail = Directory.GetFiles(Path.Combine(app.DataFolder, "mail-pickup"), "*.eml").Single();
        var approveLink = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(mail), @"https://opiskeluhuolto\.test/elsa/api/events/trigger\?t=[^""\s<]+").Value;
        Assert.NotEmpty(approveLink);

        var trigger = await client.PostJsonAsync("/elsa/api/events/PlanApproved/trigger", new JsonObject { ["workflowInstanceId"] = instanceId });
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);

        instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        Assert.Equal("Approved", instance["workflowState"]!["output"]!["Decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParallelReview_CompleteBothTasks_Finishes()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("fork-join-parallel-review.json"));
        using var client = app.Admin();

        var execute = await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-parallel-review/execute", """{"input":{"PlanId":"P-7"}}""");
        Assert.Equal(HttpStatusCode.OK, execute.StatusCode);
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var state = (await execute.JsonAsync())["workflowState"]!;
        Assert.Equal("Suspended", state["subStatus"]!.GetValue<string>());
        var taskIds = state["bookmarks"]!.AsArray().Select(b => b!["payload"]!["TaskId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, taskIds.Count);

        foreach (var taskId in taskIds)
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", """{"result":"approve"}""")).StatusCode);

        var instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        var journal = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}/journal")).JsonAsync();
        Assert.Contains(journal["items"]!.AsArray(), r => r!["activityName"]?.GetValue<string>() == "ReportApproved" && r["eventName"]!.GetValue<string>() == "Completed");
    }

    [Fact]
    public async Task EventLink_Get_ShowsConfirmPageAndDoesNotAct()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        var execute = await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-1","ApproverEmail":"boss@example.com"}}""");
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunBackgroundAsync();
        var mail = File.ReadAllText(Directory.GetFiles(Path.Combine(app.DataFolder, "mail-pickup"), "*.eml").Single());
        var link = System.Text.RegularExpressions.Regex.Match(mail, @"https://opiskeluhuolto\.test(/elsa/api/events/trigger\?t=[^""\s<]+)").Groups[1].Value;

        using var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Suspended", instance["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_WithoutKey_Returns401()
    {
        await using var app = new TestApp();
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/elsa/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
