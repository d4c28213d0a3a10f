using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class SchedulingAndEventActivityTests
{
    private static async Task<EngineHost> HostWith(JsonObject root)
    {
        var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wf", root));
        return host;
    }

    [Fact]
    public async Task StartAt_PastTime_ContinuesAtOnce()
    {
        await using var host = await HostWith(Chart([Node("at", "Elsa.StartAt", new JsonObject { ["dateTime"] = Literal("DateTimeOffset", "2020-01-01T00:00:00+00:00") }), Line("after")], [Connect("at", "after")]));

        var result = await host.StartAsync("wf");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public async Task StartAt_FutureTime_WaitsUntilThen()
    {
        await using var host = await HostWith(Chart([Node("at", "Elsa.StartAt", new JsonObject { ["dateTime"] = Literal("DateTimeOffset", "2026-11-30T07:00:00+02:00") }), Line("after")], [Connect("at", "after")]));
        var result = await host.StartAsync("wf");
        var bookmark = Assert.Single(result.Bookmarks);
        Assert.Equal("Elsa.StartAt", bookmark.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero), TimerActivityBase.DueTime(bookmark));

        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 4, 59, 0, TimeSpan.Zero));
        await host.Background.RunRoundAsync();
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(result.State.Id)).SubStatus);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Background.RunRoundAsync();

        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(result.State.Id)).SubStatus);
    }

    [Fact]
    public async Task Timer_MidFlow_FiresOnceAfterInterval()
    {
        await using var host = await HostWith(Chart([Node("s", "Elsa.Start"), Node("t", "Elsa.Timer", new JsonObject { ["interval"] = Literal("TimeSpan", "01:00:00") }), Line("after")], [Connect("s", "t"), Connect("t", "after")]));
        var result = await host.StartAsync("wf");

        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Background.RunRoundAsync();

        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(result.State.Id)).SubStatus);
    }

    [Fact]
    public async Task Cron_MidFlow_WaitsForNextOccurrenceInHelsinkiTime()
    {
        await using var host = await HostWith(Chart([Node("s", "Elsa.Start"), Node("c", "Elsa.Cron", new JsonObject { ["cronExpression"] = Literal("String", "0 0 9 * * *") }), Line("after")], [Connect("s", "c"), Connect("c", "after")]));

        var result = await host.StartAsync("wf");

        // 2026-11-02 07:00 UTC is 09:00 in Helsinki (UTC+2): the next 09:00 local is the following day.
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.Zero), TimerActivityBase.DueTime(Assert.Single(result.Bookmarks)));
    }

    [Fact]
    public async Task PublishEvent_AfterCommit_ResumesOtherInstance()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("listener", Chart([Node("s", "Elsa.Start"), Event("wait", "PlanReady"), Line("after")], [Connect("s", "wait"), Connect("wait", "after")])));
        await host.ImportAsync(Definition("publisher", Chart([Node("p", "Elsa.PublishEvent", new JsonObject { ["eventName"] = Literal("String", "PlanReady") })], [])));
        var listener = await host.StartAsync("listener");

        var publisher = await host.StartAsync("publisher");
        Assert.Equal(WorkflowSubStatus.Finished, publisher.State.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(listener.State.Id)).SubStatus);
        await host.Background.RunRoundAsync();

        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(listener.State.Id)).SubStatus);
    }

    [Fact]
    public async Task RunTask_RequestsTaskAndOutputsResult()
    {
        await using var host = await EngineHost.StartAsync();
        var task = Node("task", "Elsa.RunTask", new JsonObject
        {
            ["taskName"] = Literal("String", "ReviewPlan"),
            ["payload"] = new JsonObject { ["typeName"] = "ObjectDictionary", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{\"planId\":\"P-3\"}" } },
        });
        await host.ImportAsync(Definition("wf", Chart([task, Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "R"), ["outputValue"] = Js("Object", "return getLastResult();") })], [Connect("task", "o")])));
        var started = await host.StartAsync("wf");
        await host.Background.RunRoundAsync();
        var request = Assert.Single(host.Services.GetRequiredService<RecordingEffects>().Of<RunTaskEffect>());
        Assert.Equal("ReviewPlan", request.TaskName);
        Assert.Equal("P-3", request.Payload!["planId"]!.GetValue<string>());

        await host.Runtime.DeliverAsync(Stimulus.ForTask(request.TaskId, "approve"));

        Assert.Equal("approve", (await host.LoadAsync(started.State.Id)).Output["R"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_RemovesBookmarksAndMarksCancelled()
    {
        await using var host = await HostWith(Chart([Node("s", "Elsa.Start"), Node("d", "Elsa.Delay", new JsonObject { ["timeSpan"] = Literal("TimeSpan", "1.00:00:00") })], [Connect("s", "d")]));
        var started = await host.StartAsync("wf");

        Assert.True(await host.Runtime.CancelAsync(started.State.Id));
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.Background.RunRoundAsync();

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Cancelled, state.SubStatus);
        Assert.Empty(state.Bookmarks);
        Assert.False(await host.Runtime.CancelAsync(started.State.Id));
    }
}
