using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class ExampleWorkflowTests
{
    private static readonly Dictionary<string, object?> PlanInput = new() { ["PlanId"] = "P-42", ["ApproverEmail"] = "boss@example.com" };

    [Fact]
    public async Task PlanApproval_FirstBurst_SuspendsOnTwoEventsAndADelay()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(EngineHost.TestData("plan-approval-flowchart.json"));

        var result = await host.Runtime.StartAsync(await Version(host, "plan-approval"), new StartWorkflowRequest { Input = PlanInput });

        Assert.Null(result.State.Fault?.Message);
        Assert.Equal(WorkflowStatus.Running, result.State.Status);
        Assert.Equal(WorkflowSubStatus.Suspended, result.State.SubStatus);
        Assert.Equal("plan-P-42", result.State.CorrelationId);
        Assert.Equal("Plan approval P-42", result.State.Name);
        Assert.Equal(["Elsa.Delay", "Elsa.Event", "Elsa.Event"], result.Bookmarks.Select(b => b.Name).Order());
        var delay = result.Bookmarks.Single(b => b.Name == "Elsa.Delay");
        Assert.Equal(host.Time.GetUtcNow().AddDays(3), Activities.Scheduling.TimerActivityBase.DueTime(delay));
    }

    [Fact]
    public async Task PlanApproval_Approved_CancelsOtherBranchesAndFinishes()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(EngineHost.TestData("plan-approval-flowchart.json"));
        var started = await host.Runtime.StartAsync(await Version(host, "plan-approval"), new StartWorkflowRequest { Input = PlanInput });

        var affected = await host.Runtime.DeliverAsync(Stimulus.ForEvent("PlanApproved", null, workflowInstanceId: started.State.Id));

        Assert.Equal([started.State.Id], affected);
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowStatus.Finished, state.Status);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("Approved", state.Output["Decision"]!.GetValue<string>());
        Assert.Empty(state.Bookmarks);
        var journal = await host.JournalAsync(started.State.Id);
        Assert.Contains(journal, r => r.ActivityId == "f60718293a4b5c6d" && r.EventName == "Canceled");
        Assert.Contains(journal, r => r.ActivityId == "18293a4b5c6d7e8f" && r.EventName == "Canceled");
        Assert.DoesNotContain(journal, r => r.ActivityName == "SetDecisionRejected" && r.EventName == "Started");
        Assert.Single(journal, r => r.ActivityName == "MergeDecision" && r.EventName == "Completed");
    }

    [Fact]
    public async Task PlanApproval_NoDecisionForThreeDays_EscalatesAndTimesOut()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(EngineHost.TestData("plan-approval-flowchart.json"));
        var started = await host.Runtime.StartAsync(await Version(host, "plan-approval"), new StartWorkflowRequest { Input = PlanInput });

        host.Time.Advance(TimeSpan.FromDays(3));
        await host.Background.RunRoundAsync();

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("TimedOut", state.Output["Decision"]!.GetValue<string>());
        var mails = host.Services.GetRequiredService<RecordingEffects>().Of<SendEmailEffect>();
        Assert.Contains(mails, m => m.Subject == "Plan P-42: approval overdue" && m.To.SequenceEqual(["plan-office@example.com"]));
    }

    [Fact]
    public async Task ParallelReview_BothTasksComplete_JoinsAndReportsApproval()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(EngineHost.TestData("fork-join-parallel-review.json"));
        var started = await host.Runtime.StartAsync(await Version(host, "plan-parallel-review"), new StartWorkflowRequest { Input = new Dictionary<string, object?> { ["PlanId"] = "P-7" } });
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
        var tasks = started.Bookmarks.Where(b => b.Name == "Elsa.RunTask").Select(b => b.Payload!["TaskId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, tasks.Count);

        await host.Runtime.DeliverAsync(Stimulus.ForTask(tasks[0], "approve"));
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(started.State.Id)).SubStatus);
        await host.Runtime.DeliverAsync(Stimulus.ForTask(tasks[1], "approve"));

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        var journal = await host.JournalAsync(started.State.Id);
        Assert.Contains(journal, r => r.ActivityName == "ReportApproved" && r.EventName == "Completed");
        Assert.DoesNotContain(journal, r => r.ActivityName == "ReportRejected");
    }

    private static async Task<Persistence.WorkflowDefinitionRecord> Version(EngineHost host, string definitionId)
    {
        await using var db = await host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.WorkflowsDbContext>>().CreateDbContextAsync();
        return db.WorkflowDefinitions.Single(x => x.DefinitionId == definitionId && x.IsPublished);
    }
}
