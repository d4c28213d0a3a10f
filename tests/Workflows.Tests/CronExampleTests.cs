using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Activities.Http;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class CronExampleTests
{
    [Fact]
    public async Task Scheduler_WeekdayMorning_FetchesPlansAndDispatchesOneApprovalEach()
    {
        using var server = new LocalHttpServer(200, """[{"id":"P-1","approverEmail":"a@example.fi"},{"id":"P-2","approverEmail":"b@example.fi"}]""");
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton(new WorkflowHttp(server.RedirectingHandler())));
        await host.ImportAsync(EngineHost.TestData("plan-approval-flowchart.json"));
        await host.ImportAsync(EngineHost.TestData("cron-started-dispatch.json"));
        await host.Background.RunRoundAsync();
        Assert.Empty(await Instances(host, "plan-approval-scheduler"));

        // 2026-11-02 07:00 UTC is Monday 09:00 in Helsinki; the next 07:00 Helsinki is Tuesday 05:00 UTC.
        host.Time.Advance(TimeSpan.FromHours(22));
        await host.Background.RunRoundAsync();
        await host.Background.RunRoundAsync();

        var scheduler = Assert.Single(await Instances(host, "plan-approval-scheduler"));
        Assert.Equal(nameof(WorkflowSubStatus.Finished), scheduler.SubStatus);
        Assert.Equal(["/api/plans?status=awaiting-approval"], server.Requests);
        var approvals = await Instances(host, "plan-approval");
        Assert.Equal(["plan-P-1", "plan-P-2"], approvals.Select(a => a.CorrelationId).Order());
        var journal = await host.JournalAsync(scheduler.Id);
        Assert.Contains(journal, r => r.ActivityName == "LogDispatched" && r.EventName == "Completed");
        Assert.DoesNotContain(journal, r => r.ActivityName == "LogFailure" && r.EventName == "Started");
    }

    [Fact]
    public async Task Scheduler_PlanServiceFails_OnlyLogsFailure()
    {
        using var server = new LocalHttpServer(503, "down", "text/plain");
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton(new WorkflowHttp(server.RedirectingHandler())));
        await host.ImportAsync(EngineHost.TestData("plan-approval-flowchart.json"));
        await host.ImportAsync(EngineHost.TestData("cron-started-dispatch.json"));
        await host.Background.RunRoundAsync();

        host.Time.Advance(TimeSpan.FromHours(22));
        await host.Background.RunRoundAsync();

        var scheduler = Assert.Single(await Instances(host, "plan-approval-scheduler"));
        Assert.Equal(nameof(WorkflowSubStatus.Finished), scheduler.SubStatus);
        var journal = await host.JournalAsync(scheduler.Id);
        Assert.Contains(journal, r => r.ActivityName == "LogFailure" && r.EventName == "Completed");
        Assert.DoesNotContain(journal, r => r.ActivityName is "DispatchApprovals" or "LogDispatched" && r.EventName == "Started");
        Assert.Empty(await Instances(host, "plan-approval"));
    }

    private static async Task<List<WorkflowInstanceRecord>> Instances(EngineHost host, string definitionId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        return await db.WorkflowInstances.Where(x => x.DefinitionId == definitionId).ToListAsync();
    }
}
