using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Host.Scheduling;
using Quartz;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Quartz is the timer backend: its triggers are checked by reading them, never by waiting for a firing.</summary>
public sealed class QuartzTimerTests
{
    private static async Task<IScheduler> SchedulerAsync(TestApp app) => await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    [Fact]
    public async Task Delay_Committed_SchedulesWakeUpAtItsDueSecond()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();

        await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-1","ApproverEmail":"a@b.example"}}""");

        var due = app.Time.GetUtcNow().AddDays(3);
        var trigger = await (await SchedulerAsync(app)).GetTrigger(QuartzTimerWakeUps.WakeUpKey(due));
        Assert.NotNull(trigger);
        Assert.Equal(due, trigger.StartTimeUtc);
        Assert.Equal(ResumeDueTimersJob.Key, trigger.JobKey);
    }

    [Fact]
    public void WakeUps_RoundUpToATenthOfASecond_NotToTheSecond()
    {
        var nine = new DateTimeOffset(2027, 9, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(QuartzTimerWakeUps.WakeUpKey(nine.AddMilliseconds(100)), QuartzTimerWakeUps.WakeUpKey(nine.AddMilliseconds(4)));
        Assert.NotEqual(QuartzTimerWakeUps.WakeUpKey(nine.AddSeconds(1)), QuartzTimerWakeUps.WakeUpKey(nine.AddMilliseconds(4))); // at most 0.1 s late
        Assert.Equal(QuartzTimerWakeUps.WakeUpKey(nine), QuartzTimerWakeUps.WakeUpKey(nine)); // a whole second stays its own key (triggers made before)
        Assert.Equal(nine.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), QuartzTimerWakeUps.WakeUpKey(nine).Name);
    }

    [Fact]
    public async Task CronTrigger_PublishedAndRetracted_FollowsTheDefinition()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        await app.ImportAsync(TestApp.TestData("cron-started-dispatch.json"));
        var scheduler = await SchedulerAsync(app);

        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzTimerWakeUps.WorkflowTriggerGroup));
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(Assert.Single(keys)));
        Assert.Equal("0 0 7 ? * MON-FRI", trigger.CronExpressionString);
        Assert.Equal("Europe/Helsinki", trigger.TimeZone.Id);
        var next = trigger.NextFireTimeUtc!.Value;
        var local = TimeZoneInfo.ConvertTime(next, trigger.TimeZone);
        Assert.Equal(7, local.Hour);
        Assert.InRange(local.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);

        using var client = app.Admin();
        await client.PostEmptyAsync("/elsa/api/workflow-definitions/plan-approval-scheduler/retract");

        Assert.Empty(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzTimerWakeUps.WorkflowTriggerGroup)));
    }

    [Fact]
    public async Task Reconcile_LostWakeUpAndOrphan_RestoresTheOneAndRemovesTheOther()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-1","ApproverEmail":"a@b.example"}}""");
        var scheduler = await SchedulerAsync(app);
        var due = app.Time.GetUtcNow().AddDays(3);
        await scheduler.UnscheduleJob(QuartzTimerWakeUps.WakeUpKey(due));
        var orphan = DateTimeOffset.UtcNow.AddDays(400);
        await app.Services.GetRequiredService<QuartzTimerWakeUps>().WakeAtAsync([orphan], CancellationToken.None);

        await app.Services.GetRequiredService<QuartzTimerWakeUps>().ReconcileAsync(CancellationToken.None);

        Assert.True(await scheduler.Exists(QuartzTimerWakeUps.WakeUpKey(due)));
        Assert.False(await scheduler.Exists(QuartzTimerWakeUps.WakeUpKey(orphan)));
    }

    [Fact]
    public async Task WakeUpJob_AfterDueTime_ResumesTheDelay()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        var execute = await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-1","ApproverEmail":"a@b.example"}}""");
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        app.Time.Advance(TimeSpan.FromDays(3));

        // What the job does when Quartz fires it.
        await app.Services.GetRequiredService<Workflows.Runtime.TimerScheduler>().ResumeDueAsync();

        var instance = await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("TimedOut", instance["workflowState"]!["output"]!["Decision"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0 0 7 ? * MON-FRI", "0 0 7 ? * MON-FRI")]
    [InlineData("0 0 9 * * *", "0 0 9 * * ?")]
    [InlineData("30 8 * * 1-5", "0 30 8 ? * 2-6")]
    [InlineData("0 0 12 ? * 0,6", "0 0 12 ? * 1,7")]
    [InlineData("0 0 9 ? * 5#3", "0 0 9 ? * 6#3")]
    public void QuartzCron_ConvertsCronosStyle(string input, string expected) => Assert.Equal(expected, QuartzTimerWakeUps.QuartzCron(input));
}
