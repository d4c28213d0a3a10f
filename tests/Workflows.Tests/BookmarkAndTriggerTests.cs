using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class BookmarkAndTriggerTests
{
    private static string WaitFor(string eventName) =>
        Definition("waiter", Chart([Node("s", "Elsa.Start"), Event("wait", eventName), Line("after")], [Connect("s", "wait"), Connect("wait", "after")]));

    [Fact]
    public void Hash_EventStimulus_MatchesElsaScheme()
    {
        var hash = StimulusHasher.Hash("Elsa.Event", Activities.Primitives.Event.Stimulus("PlanApproved"));

        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("Elsa.Event|{\"EventName\":\"PlanApproved\"}"u8.ToArray()));
        Assert.Equal(expected, hash);
    }

    [Fact]
    public async Task UnscopedEvent_ResumesEveryWaitingInstance()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(WaitFor("Go"));
        var a = await host.StartAsync("waiter");
        var b = await host.StartAsync("waiter");

        var affected = await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null));

        Assert.Equal(new[] { a.State.Id, b.State.Id }.Order(), affected.Order());
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(a.State.Id)).SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(b.State.Id)).SubStatus);
    }

    [Fact]
    public async Task CorrelatedEvent_ResumesOnlyMatchingInstance()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(WaitFor("Go"));
        var a = await host.StartAsync("waiter", correlationId: "plan-1");
        var b = await host.StartAsync("waiter", correlationId: "plan-2");

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, correlationId: "plan-2"));

        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(a.State.Id)).SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(b.State.Id)).SubStatus);
    }

    [Fact]
    public async Task ResumedBookmark_IsBurned_SecondDeliveryResumesNothing()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("waiter", Chart([Node("s", "Elsa.Start"), Event("wait", "Go"), Event("again", "Other")], [Connect("s", "wait"), Connect("wait", "again")])));
        var started = await host.StartAsync("waiter");
        var bookmarkId = started.Bookmarks.Single().Id;

        Assert.NotNull(await host.Runtime.ResumeAsync(started.State.Id, bookmarkId, null));
        Assert.Null(await host.Runtime.ResumeAsync(started.State.Id, bookmarkId, null));
        Assert.Equal(["Elsa.Event"], (await host.LoadAsync(started.State.Id)).Bookmarks.Select(b => b.Name));
    }

    [Fact]
    public async Task EventTrigger_PublishedWorkflow_StartsAtTriggerWithPayload()
    {
        await using var host = await EngineHost.StartAsync();
        var trigger = Event("incoming", "PlanSubmitted");
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        trigger["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "p" } };
        await host.ImportAsync(Definition("triggered", Chart(
            [Line("unreachable"), trigger, Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Plan"), ["outputValue"] = Js("Object", "return getPayload().plan;") })],
            [Connect("incoming", "o")]),
            new JsonArray(Variable("p", "Payload", "Object"))));

        var affected = await host.Runtime.DeliverAsync(Stimulus.ForEvent("PlanSubmitted", new Dictionary<string, object?> { ["plan"] = "P-5" }));

        var state = await host.LoadAsync(Assert.Single(affected));
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("P-5", state.Output["Plan"]!.GetValue<string>());
        Assert.DoesNotContain(await host.JournalAsync(state.Id), r => r.ActivityId == "unreachable");
    }

    [Fact]
    public async Task EventTrigger_RetractedWorkflow_StartsNothing()
    {
        await using var host = await EngineHost.StartAsync();
        var trigger = Event("incoming", "PlanSubmitted");
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        await host.ImportAsync(Definition("triggered", Chart([trigger], [])));
        await host.Definitions.RetractAsync("triggered");

        var affected = await host.Runtime.DeliverAsync(Stimulus.ForEvent("PlanSubmitted", null) with { QueueIfUnmatched = false });

        Assert.Empty(affected);
    }

    [Fact]
    public async Task LateSignal_BeforeBookmarkExists_IsDeliveredWhenItAppears()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("late", Chart([Node("s", "Elsa.Start"), Event("first", "First"), Event("second", "Second"), Line("after")], [Connect("s", "first"), Connect("first", "second"), Connect("second", "after")])));
        var started = await host.StartAsync("late");

        var early = await host.Runtime.DeliverAsync(Stimulus.ForEvent("Second", null, workflowInstanceId: started.State.Id));
        Assert.Empty(early);
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("First", null, workflowInstanceId: started.State.Id));
        await host.Background.RunRoundAsync();

        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
    }

    [Fact]
    public async Task StaleRevision_Commit_IsRejected()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(WaitFor("Go"));
        var started = await host.StartAsync("waiter");
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var loaded = (await store.LoadAsync(started.State.Id))!;
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null));
        var graphs = host.Services.GetRequiredService<WorkflowGraphCache>();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var version = await db.WorkflowDefinitions.SingleAsync();
        var services = new WorkflowExecutionServices(host.Services.GetRequiredService<Activities.ActivityRegistry>(), host.Services.GetRequiredService<Expressions.IExpressionEvaluator>(), host.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var stale = WorkflowExecutionContext.FromState(graphs.Get(version.Id, version.Data), services, loaded.State, null);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(stale, loaded.Revision));
    }

    [Fact]
    public async Task ConcurrentResumes_SameInstance_EachBookmarkResumedOnce()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("par", Chart(
            [Node("s", "Elsa.Start"), Event("a", "A"), Event("b", "B"), Event("c", "C"), Line("after")],
            [Connect("s", "a"), Connect("s", "b"), Connect("s", "c"), Connect("a", "after"), Connect("b", "after"), Connect("c", "after")])));
        var started = await host.StartAsync("par");

        await Task.WhenAll(
            host.Runtime.DeliverAsync(Stimulus.ForEvent("A", null)),
            host.Runtime.DeliverAsync(Stimulus.ForEvent("B", null)),
            host.Runtime.DeliverAsync(Stimulus.ForEvent("C", null)));

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        var journal = await host.JournalAsync(started.State.Id);
        Assert.Single(journal, r => r.ActivityId == "after" && r.EventName == "Started");
        Assert.Equal(journal.Count, journal.Select(r => r.Sequence).Distinct().Count());
    }
}
