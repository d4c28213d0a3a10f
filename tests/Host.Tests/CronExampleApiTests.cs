using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Opiskeluhuolto.Workflows.Activities.Http;

namespace Opiskeluhuolto.Host.Tests;

public sealed class CronExampleApiTests
{
    [Fact]
    public async Task CronExample_ImportedThroughApi_StartsOnWeekdayMorningAndDispatchesApprovals()
    {
        using var plans = new LocalHttpServer(200, """[{"id":"P-1","approverEmail":"a@example.fi"},{"id":"P-2","approverEmail":"b@example.fi"}]""");
        // This test is about the example's behaviour; the in-process trigger scheduler fires it on the fake clock.
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Timers:Backend"] = "InProcess" });
        await using var configured = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<WorkflowHttp>();
            s.AddSingleton(new WorkflowHttp(plans.RedirectingHandler()));
        }));
        using var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", app.ApiKey);
        Assert.True((await client.PostJsonAsync("/elsa/api/workflow-definitions/import", TestApp.TestData("plan-approval-flowchart.json"))).IsSuccessStatusCode);
        Assert.True((await client.PostJsonAsync("/elsa/api/workflow-definitions/import", TestApp.TestData("cron-started-dispatch.json"))).IsSuccessStatusCode);
        var background = configured.Services.GetRequiredService<Workflows.Runtime.WorkflowBackgroundService>();
        await background.RunRoundAsync();

        app.Time.Advance(TimeSpan.FromHours(22));
        await background.RunRoundAsync();
        await background.RunRoundAsync();

        var instances = await (await client.PostJsonAsync("/elsa/api/workflow-instances", """{"pageSize": 50}""")).JsonAsync();
        var rows = instances["items"]!.AsArray();
        Assert.Single(rows, r => r!["definitionId"]!.GetValue<string>() == "plan-approval-scheduler" && r["subStatus"]!.GetValue<string>() == "Finished");
        Assert.Equal(["plan-P-1", "plan-P-2"], rows.Where(r => r!["definitionId"]!.GetValue<string>() == "plan-approval").Select(r => r!["correlationId"]!.GetValue<string>()).Order());
    }
}
