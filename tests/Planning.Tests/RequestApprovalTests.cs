using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Planning.Tests;

public sealed class RequestApprovalTests
{
    private static readonly string[] People = ["a@kunta.example", "b@kunta.example", "c@kunta.example"];

    private static string Workflow(string quorum, int? required = null, string? assignees = null, JsonObject? extra = null)
    {
        var members = new JsonObject
        {
            ["title"] = Literal("String", "Alueellinen opiskeluhuoltosuunnitelma, luonnos 2"),
            ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = assignees ?? "[\"a@kunta.example\",\"b@kunta.example\",\"c@kunta.example\"]" } },
            ["quorum"] = Literal("String", quorum),
            ["dueInWorkingDays"] = Literal("Int32", 10),
            ["decisions"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "d" } },
        };
        if (required is not null) members["requiredApprovals"] = Literal("Int32", required.Value);
        foreach (var (k, v) in extra ?? []) members[k] = v?.DeepClone();
        var outcome = (string o) => Node("o" + o, "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Outcome"), ["outputValue"] = Literal("Object", o) });
        return Definition("approval", Chart(
            [Node("ask", "Opiskeluhuolto.RequestApproval", members), outcome("Approved"), outcome("Rejected"), outcome("ChangesRequested"), outcome("TimedOut")],
            [Connect("ask", "oApproved", "Approved"), Connect("ask", "oRejected", "Rejected"), Connect("ask", "oChangesRequested", "ChangesRequested"), Connect("ask", "oTimedOut", "TimedOut")]),
            new JsonArray(Variable("d", "Decisions", "Object")));
    }

    private static async Task<IReadOnlyList<string>> DecideAsync(EngineHost host, string instanceId, string email, string decision, string? comment = null)
    {
        var state = await host.LoadAsync(instanceId);
        var seats = state.ActivityExecutionContexts.Single(c => c.Properties["Approval"] is not null).Properties["Approval"]!["Seats"]!.AsArray();
        var seat = seats.First(s => s!["Member"]!["Email"]!.GetValue<string>() == email || s!["Deputy"]?["Email"]?.GetValue<string>() == email)!;
        var hash = StimulusHasher.Hash(RequestApproval.DecisionStimulus, RequestApproval.Stimulus(seat["SeatId"]!.GetValue<string>()));
        var input = new Dictionary<string, object?> { [RequestApproval.DecisionKey] = decision, [RequestApproval.CommentKey] = comment, [RequestApproval.ByKey] = email };
        return await host.Runtime.DeliverAsync(new Stimulus(hash, input, null, instanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false));
    }

    private static async Task<string?> OutcomeAsync(EngineHost host, string instanceId) =>
        (await host.LoadAsync(instanceId)).Output["Outcome"]?.GetValue<string>();

    [Theory]
    [InlineData("All", null, new[] { "Approved", "Approved", "Approved" }, "Approved")]
    [InlineData("All", null, new[] { "Approved", "Rejected" }, "Rejected")]
    [InlineData("All", null, new[] { "ChangesRequested" }, "ChangesRequested")]
    [InlineData("Any", null, new[] { "Rejected", "Approved" }, "Approved")]
    [InlineData("Any", null, new[] { "Rejected", "Rejected", "ChangesRequested" }, "ChangesRequested")]
    [InlineData("Majority", null, new[] { "Approved", "Rejected", "Approved" }, "Approved")]
    [InlineData("Majority", null, new[] { "Rejected", "Rejected" }, "Rejected")]
    [InlineData("Count", 2, new[] { "Approved", "Approved" }, "Approved")]
    [InlineData("Count", 2, new[] { "Rejected", "Rejected" }, "Rejected")]
    public async Task Quorum_DecidesAsSoonAsTheOutcomeIsCertain(string quorum, int? required, string[] decisions, string expected)
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow(quorum, required));
        var started = await host.StartAsync("approval");
        await host.Background.RunRoundAsync();
        Assert.Equal(3, host.Services.GetRequiredService<RecordingEffects>().Of<ApprovalMailEffect>().Count);

        for (var i = 0; i < decisions.Length; i++)
        {
            Assert.Null(await OutcomeAsync(host, started.State.Id));
            await DecideAsync(host, started.State.Id, People[i], decisions[i], $"kommentti {i}");
        }

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(expected, state.Output["Outcome"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
    }

    [Fact]
    public async Task SeatIndex_FollowsTheState_AndIsRebuiltFromRunningInstances()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", assignees: "[\"A@Kunta.example\",\"b@kunta.example\"]"));
        var started = await host.StartAsync("approval");
        var contexts = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.PlanningDbContext>>();
        async Task<List<string>> IndexedAsync()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return [.. db.OpenSeats.Where(s => s.WorkflowInstanceId == started.State.Id).Select(s => s.Email).AsEnumerable().Order()];
        }

        Assert.Equal(["a@kunta.example", "b@kunta.example"], await IndexedAsync());
        var tasks = host.Services.GetRequiredService<ApprovalTasks>();
        Assert.True(await tasks.HasOpenSeatAsync("a@KUNTA.example"));
        Assert.Single(await tasks.OpenAsync("a@kunta.example"));

        await DecideAsync(host, started.State.Id, "A@Kunta.example", "Approved");
        Assert.Equal(["b@kunta.example"], await IndexedAsync());
        Assert.Empty(await tasks.OpenAsync("a@kunta.example"));

        // A database from before the index: the table is filled from the running instances.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.OpenSeats.RemoveRange(db.OpenSeats.ToList());
            await db.SaveChangesAsync();
        }

        Assert.Empty(await IndexedAsync());
        Assert.Equal(1, await ApprovalSeatIndex.RebuildAsync(host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowsDbContext>>(), contexts, CancellationToken.None));
        Assert.Equal(["b@kunta.example"], await IndexedAsync());

        await DecideAsync(host, started.State.Id, "b@kunta.example", "Approved");
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
        Assert.Empty(await IndexedAsync());
    }

    [Fact]
    public async Task Decisions_AreOutputWithComments()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("Any"));
        var started = await host.StartAsync("approval");

        await DecideAsync(host, started.State.Id, "b@kunta.example", "Approved", "Hyvä luonnos.");

        var journal = await host.JournalAsync(started.State.Id);
        var decided = Assert.Single(journal, r => r.EventName == "ApprovalDecided");
        Assert.Equal("Hyvä luonnos.", decided.Payload!["Comment"]!.GetValue<string>());
        Assert.Equal("b@kunta.example", decided.Payload["By"]!.GetValue<string>());
    }

    [Fact]
    public async Task DoubleClick_SameSeatTwiceAtOnce_RecordsOneDecision()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All"));
        var started = await host.StartAsync("approval");

        var results = await Task.WhenAll(
            DecideAsync(host, started.State.Id, "a@kunta.example", "Approved"),
            DecideAsync(host, started.State.Id, "a@kunta.example", "Rejected"));

        Assert.Equal(1, results.Count(r => r.Count == 1));
        Assert.Single(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalDecided");
        Assert.Null(await OutcomeAsync(host, started.State.Id));
    }

    [Fact]
    public async Task Deputy_SilentMember_DeputyIsAskedAndDecidesForTheSeat()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", assignees: "[{\"email\":\"jasen@kunta.example\",\"language\":\"sv\",\"deputy\":{\"email\":\"varajasen@kunta.example\"}}]",
            extra: new JsonObject { ["deputyAfterWorkingDays"] = Literal("Int32", 3), ["reminderWorkingDays"] = new JsonObject { ["typeName"] = "List<Int32>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[]" } } }));
        var started = await host.StartAsync("approval");
        var mails = host.Services.GetRequiredService<RecordingEffects>();
        var timers = host.Services.GetRequiredService<TimerScheduler>();

        host.Time.SetUtcNow((await timers.NextDueAsync())!.Value);
        await host.Background.RunRoundAsync();

        var deputyMail = Assert.Single(mails.Of<ApprovalMailEffect>(), m => m.Recipient.Email == "varajasen@kunta.example");
        Assert.Equal("sv", deputyMail.Recipient.Language);
        Assert.True(deputyMail.AsDeputy);
        await DecideAsync(host, started.State.Id, "varajasen@kunta.example", "Approved", "Ersättaren godkänner.");
        Assert.Equal("Approved", await OutcomeAsync(host, started.State.Id));
        var decided = Assert.Single(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalDecided");
        Assert.True(decided.Payload!["Deputy"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Silence_RemindsOnWorkingDaysThenEscalatesAndTimesOut()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", extra: new JsonObject { ["escalateTo"] = Literal("String", "johtaja@hyvinvointialue.example") }));
        var started = await host.StartAsync("approval");
        await DecideAsync(host, started.State.Id, "a@kunta.example", "Approved");
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        for (var round = 0; round < 3; round++)
        {
            host.Time.SetUtcNow((await timers.NextDueAsync())!.Value);
            await host.Background.RunRoundAsync();
        }

        Assert.Equal("TimedOut", await OutcomeAsync(host, started.State.Id));
        var sent = mails.Of<ApprovalMailEffect>();
        Assert.Equal(4, sent.Count(m => m.Template == "approval-reminder"));
        Assert.DoesNotContain(sent, m => m.Template == "approval-reminder" && m.Recipient.Email == "a@kunta.example");
        var escalation = Assert.Single(sent, m => m.Template == "escalation");
        Assert.Equal("johtaja@hyvinvointialue.example", escalation.Recipient.Email);
        Assert.Equal(["b@kunta.example", "c@kunta.example"], escalation.Missing.Select(p => p.Email).Order());
        Assert.True(escalation.AsDeputy is false);

        // Everyone asked hears how it closed, with their own answer.
        var results = sent.Where(m => m.Template == "decision-result").ToList();
        Assert.Equal(["a@kunta.example", "b@kunta.example", "c@kunta.example"], results.Select(r => r.Recipient.Email).Order());
        Assert.All(results, r => Assert.Equal("TimedOut", r.Outcome));
        Assert.Equal("Approved", results.Single(r => r.Recipient.Email == "a@kunta.example").Answer);
        Assert.Null(results.Single(r => r.Recipient.Email == "b@kunta.example").Answer);
    }

    [Fact]
    public async Task Digests_OnAWorkingDay_OneSummaryPerPersonWithSeveralOpen_NoneOnAHoliday()
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2027, 1, 4, 7, 0, 0, TimeSpan.Zero)); // Mon 4.1.2027
        await host.ImportAsync(Workflow("All", assignees: "[\"a@kunta.example\",\"b@kunta.example\"]"));
        await host.ImportAsync(Definition("other", Chart([Node("ask", "Opiskeluhuolto.RequestApproval", new JsonObject
        {
            ["title"] = Literal("String", "Toinen asia"), ["kind"] = Literal("String", "Statement"),
            ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"A@kunta.example\"]" } },
            ["dueInWorkingDays"] = Literal("Int32", 3),
        })], [])));
        await host.ImportAsync(Definition("digest", Chart([Node("send", "Opiskeluhuolto.SendTaskDigests")], [])));
        await host.StartAsync("approval");
        await host.StartAsync("other");
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        // Wed 6.1.2027 is Epiphany: no summary.
        host.Time.SetUtcNow(new DateTimeOffset(2027, 1, 6, 7, 0, 0, TimeSpan.Zero));
        var holiday = await host.StartAsync("digest");
        await host.Background.RunRoundAsync();
        Assert.Empty(mails.Of<TaskDigestMailEffect>());
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(holiday.State.Id)).SubStatus);

        // Thu 7.1.2027: a@ has two open requests (the address in either case), b@ one.
        host.Time.SetUtcNow(new DateTimeOffset(2027, 1, 7, 7, 0, 0, TimeSpan.Zero));
        await host.StartAsync("digest");
        await host.Background.RunRoundAsync();
        var digest = Assert.Single(mails.Of<TaskDigestMailEffect>());
        Assert.Equal("a@kunta.example", digest.Recipient.Email, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["Toinen asia", "Alueellinen opiskeluhuoltosuunnitelma, luonnos 2"], digest.Items.Select(i => i.Title));
        Assert.Equal(["Statement", "Approval"], digest.Items.Select(i => i.Kind));
        Assert.StartsWith("digest.2027-01-07.", digest.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyOutcome_False_SendsNoResult()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("Any", extra: new JsonObject { ["notifyOutcome"] = Literal("Boolean", false) }));
        var started = await host.StartAsync("approval");
        await DecideAsync(host, started.State.Id, "a@kunta.example", "Approved");

        Assert.Equal("Approved", await OutcomeAsync(host, started.State.Id));
        Assert.DoesNotContain(host.Services.GetRequiredService<RecordingEffects>().Of<ApprovalMailEffect>(), m => m.Template == "decision-result");
    }

    private static async Task<IReadOnlyList<string>> ControlAsync(EngineHost host, string instanceId, string action, string? dueAt = null, Dictionary<string, object?>? person = null, string? seatId = null)
    {
        var state = await host.LoadAsync(instanceId);
        var requestId = state.ActivityExecutionContexts.Single(c => c.Properties["Approval"] is not null).Id;
        var hash = StimulusHasher.Hash(RequestApproval.ControlStimulus, RequestApproval.ControlPayload(requestId));
        var input = new Dictionary<string, object?>
        {
            [RequestApproval.ActionKey] = action, [RequestApproval.DueAtKey] = dueAt, [RequestApproval.ByKey] = "koordinaattori@hyvinvointialue.example",
            [RequestApproval.PersonKey] = person, [RequestApproval.SeatKey] = seatId,
        };
        return await host.Runtime.DeliverAsync(new Stimulus(hash, input, null, instanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false));
    }

    [Fact]
    public async Task Coordinator_RemindsNow_AndMovesTheDeadline_WithTimersRearmed()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All"));
        var started = await host.StartAsync("approval");
        await DecideAsync(host, started.State.Id, "a@kunta.example", "Approved");
        var mails = host.Services.GetRequiredService<RecordingEffects>();
        var timers = host.Services.GetRequiredService<TimerScheduler>();

        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.RemindAction));
        await host.Background.RunRoundAsync();
        var reminders = mails.Of<ApprovalMailEffect>().Where(m => m.Template == "approval-reminder").Select(m => m.Recipient.Email).Order().ToList();
        Assert.Equal(["b@kunta.example", "c@kunta.example"], reminders);
        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.RemindAction));
        await host.Background.RunRoundAsync();
        Assert.Equal(4, mails.Of<ApprovalMailEffect>().Count(m => m.Template == "approval-reminder"));

        var oldDue = (await host.LoadAsync(started.State.Id)).Bookmarks.Where(b => b.Payload?["Purpose"]?.GetValue<string>() == "Due").Single().Payload!["ExecuteAt"]!.GetValue<string>();
        var newDue = host.Time.GetUtcNow().AddDays(40);
        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.ExtendAction, newDue.ToString("O")));
        var state = await host.LoadAsync(started.State.Id);
        var due = state.Bookmarks.Single(b => b.Payload?["Purpose"]?.GetValue<string>() == "Due").Payload!["ExecuteAt"]!.GetValue<string>();
        Assert.NotEqual(oldDue, due);
        Assert.Equal(newDue.ToUniversalTime(), DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, state.Bookmarks.Count(b => b.Name == RequestApproval.DecisionStimulus));

        // The old due date passes without a time-out; the open members can still answer.
        host.Time.SetUtcNow(DateTimeOffset.Parse(oldDue, System.Globalization.CultureInfo.InvariantCulture).AddDays(1));
        await host.Background.RunRoundAsync();
        Assert.Null(await OutcomeAsync(host, started.State.Id));
        await DecideAsync(host, started.State.Id, "b@kunta.example", "Approved");
        await DecideAsync(host, started.State.Id, "c@kunta.example", "Approved");
        Assert.Equal("Approved", await OutcomeAsync(host, started.State.Id));
        Assert.Null(await timers.NextDueAsync());
    }

    [Fact]
    public async Task Coordinator_ReplacesASilentMember_AndAddsAPerson_OldLinksStopWorking()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All"));
        var started = await host.StartAsync("approval");
        var mails = host.Services.GetRequiredService<RecordingEffects>();
        var seats = (await host.LoadAsync(started.State.Id)).ActivityExecutionContexts.Single(c => c.Properties["Approval"] is not null).Properties["Approval"]!["Seats"]!.AsArray();
        var oldSeat = seats.First(x => x!["Member"]!["Email"]!.GetValue<string>() == "b@kunta.example")!["SeatId"]!.GetValue<string>();

        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.ReplacePersonAction, person: new() { ["email"] = "d@kunta.example", ["name"] = "Dan Ersättare", ["language"] = "sv" }, seatId: oldSeat));
        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.AddPersonAction, person: new() { ["email"] = "e@kunta.example", ["language"] = "fi" }));
        Assert.Single(await ControlAsync(host, started.State.Id, RequestApproval.AddPersonAction, person: new() { ["email"] = "E@kunta.example" })); // already asked: nothing changes
        await host.Background.RunRoundAsync();
        Assert.Equal(["d@kunta.example", "e@kunta.example"], mails.Of<ApprovalMailEffect>().Where(m => m.Template == "approval-request").Select(m => m.Recipient.Email).Skip(3).Order());
        Assert.Equal("sv", mails.Of<ApprovalMailEffect>().Single(m => m.Recipient.Email == "d@kunta.example").Recipient.Language);

        // The replaced member's link no longer resumes anything.
        var stale = StimulusHasher.Hash(RequestApproval.DecisionStimulus, RequestApproval.Stimulus(oldSeat));
        Assert.Empty(await host.Runtime.DeliverAsync(new Stimulus(stale, new Dictionary<string, object?> { [RequestApproval.DecisionKey] = "Rejected" }, null, started.State.Id, null, CanStartWorkflows: false, QueueIfUnmatched: false)));
        foreach (var person in new[] { "a@kunta.example", "c@kunta.example", "d@kunta.example" })
        {
            await DecideAsync(host, started.State.Id, person, "Approved");
            Assert.Null(await OutcomeAsync(host, started.State.Id));
        }

        await DecideAsync(host, started.State.Id, "e@kunta.example", "Approved");
        Assert.Equal("Approved", await OutcomeAsync(host, started.State.Id));
        Assert.Contains(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalPersonReplaced");
    }

    private const string Chain = """
        [
          { "name": "Sivistysjohtajat", "quorum": "All", "assignees": ["a@kunta.example", "b@kunta.example"] },
          { "name": "Yhteistyöryhmän puheenjohtaja", "quorum": "Any", "assignees": [{ "email": "pj@hyvinvointialue.example", "language": "sv" }] }
        ]
        """;

    private static JsonObject Levels(string json) => new() { ["levels"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json } } };

    [Fact]
    public async Task Levels_NextLevelIsAskedOnlyAfterTheFirstApproves()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", extra: Levels(Chain)));
        var started = await host.StartAsync("approval");
        var mails = host.Services.GetRequiredService<RecordingEffects>();
        await host.Background.RunRoundAsync();
        Assert.Equal(["a@kunta.example", "b@kunta.example"], mails.Of<ApprovalMailEffect>().Select(m => m.Recipient.Email).Order());

        Assert.Empty(await DecideAsync(host, started.State.Id, "pj@hyvinvointialue.example", "Approved"));
        await DecideAsync(host, started.State.Id, "a@kunta.example", "Approved");
        await host.Background.RunRoundAsync();
        Assert.Equal(2, mails.Of<ApprovalMailEffect>().Count);

        await DecideAsync(host, started.State.Id, "b@kunta.example", "Approved", "Puollan.");
        await host.Background.RunRoundAsync();
        var chair = Assert.Single(mails.Of<ApprovalMailEffect>(), m => m.Recipient.Email == "pj@hyvinvointialue.example");
        Assert.Equal("approval-request", chair.Template);
        Assert.Equal("sv", chair.Recipient.Language);
        Assert.Null(await OutcomeAsync(host, started.State.Id));
        Assert.Single(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalLevelApproved");

        await DecideAsync(host, started.State.Id, "pj@hyvinvointialue.example", "Approved");
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal("Approved", state.Output["Outcome"]!.GetValue<string>());
        Assert.Empty(state.Bookmarks);
    }

    [Theory]
    [InlineData("Rejected")]
    [InlineData("ChangesRequested")]
    public async Task Levels_FirstLevelSaysNo_EndsTheChainWithoutAskingTheNext(string decision)
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", extra: Levels(Chain)));
        var started = await host.StartAsync("approval");
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        await DecideAsync(host, started.State.Id, "b@kunta.example", decision, "Tavoitteet puuttuvat.");
        await host.Background.RunRoundAsync();

        Assert.Equal(decision, await OutcomeAsync(host, started.State.Id));
        Assert.DoesNotContain(mails.Of<ApprovalMailEffect>(), m => m.Recipient.Email == "pj@hyvinvointialue.example");
    }

    [Fact]
    public async Task Levels_RemindersGoOnlyToTheLevelBeingAsked()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", extra: Levels(Chain)));
        var started = await host.StartAsync("approval");
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        host.Time.SetUtcNow((await timers.NextDueAsync())!.Value);
        await host.Background.RunRoundAsync();

        var reminders = mails.Of<ApprovalMailEffect>().Where(m => m.Template == "approval-reminder").Select(m => m.Recipient.Email).Order().ToList();
        Assert.Equal(["a@kunta.example", "b@kunta.example"], reminders);
        Assert.Null(await OutcomeAsync(host, started.State.Id));
    }

    [Fact]
    public async Task Levels_AnEmptyLevel_FaultsWithAClearMessage()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Workflow("All", extra: Levels("""[{ "name": "Tyhjä", "assignees": [] }]""")));
        var started = await host.StartAsync("approval");

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Contains("level 1 of Levels", state.Incidents.Single().Message, StringComparison.Ordinal);
    }
}
