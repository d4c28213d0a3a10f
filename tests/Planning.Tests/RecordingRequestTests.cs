using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Cycles.Records;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>Requests whose answers record something: a document version, a county body's decision; and waiting past the due date.</summary>
public sealed class RecordingRequestTests
{
    private const string Coordinator = "koordinaattori@hyvinvointialue.example";

    private static JsonObject Ask(string title, string record, JsonObject? extra = null)
    {
        var inputs = new JsonObject
        {
            ["kind"] = Literal("String", "Task"),
            ["title"] = Literal("String", title),
            ["record"] = Literal("String", record),
            ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = $"[\"{Coordinator}\"]" } },
            ["dueInWorkingDays"] = Literal("Int32", 10),
            ["notifyOutcome"] = Literal("Boolean", false),
        };
        foreach (var (k, v) in extra ?? []) inputs[k] = v?.DeepClone();
        return inputs;
    }

    /// <summary>The coordinator supplies the draft, then records the council's decision on it (escalating to two people while nobody does).</summary>
    private static string Workflow()
    {
        var outcome = (string o) => Node("o" + o, "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Outcome"), ["outputValue"] = Literal("Object", o) });
        return Definition("recording", Chart(
            [
                Node("draft", "Opiskeluhuolto.RequestApproval", Ask("Suunnitelmaluonnos", "Document")),
                Node("council", "Opiskeluhuolto.RequestApproval", Ask("Kirjaa aluevaltuuston päätös", "Decision", new JsonObject
                {
                    ["linkCycleDocument"] = Literal("Boolean", true),
                    ["onSilence"] = Literal("String", "EscalateAndWait"),
                    ["repeatWorkingDays"] = Literal("Int32", 5),
                    ["escalateTo"] = Literal("String", $"{Coordinator}, puheenjohtaja@hyvinvointialue.example"),
                    ["recordDetails"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{\"body\":\"council\"}" } },
                })),
                outcome("Approved"), outcome("ChangesRequested"), outcome("Rejected"),
            ],
            [Connect("draft", "council", "Done"), Connect("council", "oApproved", "Approved"), Connect("council", "oChangesRequested", "ChangesRequested"), Connect("council", "oRejected", "Rejected")]));
    }

    private static async Task<IReadOnlyList<string>> AnswerAsync(EngineHost host, string instanceId, string decision, Dictionary<string, object?>? record)
    {
        var state = await host.LoadAsync(instanceId);
        var seat = state.ActivityExecutionContexts.Single(c => c.Properties["Approval"] is not null).Properties["Approval"]!["Seats"]![0]!;
        var hash = StimulusHasher.Hash(RequestApproval.DecisionStimulus, RequestApproval.Stimulus(seat["SeatId"]!.GetValue<string>()));
        var input = new Dictionary<string, object?> { [RequestApproval.DecisionKey] = decision, [RequestApproval.ByKey] = Coordinator, [RequestApproval.RecordKey] = record };
        return await host.Runtime.DeliverAsync(new Stimulus(hash, input, null, instanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false));
    }

    [Fact]
    public async Task Document_ThenDecision_AreKeptWithTheCycle_AndTheDecisionNamesTheVersionItApproved()
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2027, 11, 1, 7, 0, 0, TimeSpan.Zero));
        await host.ImportAsync(Workflow());
        var started = await host.StartAsync("recording");
        var store = host.Services.GetRequiredService<CycleRecordStore>();
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        // "Done" without the link records nothing and answers nothing; a link that is not a web address neither.
        await AnswerAsync(host, started.State.Id, "Done", null);
        await AnswerAsync(host, started.State.Id, "Done", new() { ["documentUrl"] = "luonnos.docx" });
        Assert.Empty(await store.ListAsync(started.State.Id));
        Assert.Contains(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalRequested");
        Assert.DoesNotContain(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalDecided");

        await store.AddDocumentAsync(started.State.Id, "https://asiakirjat.example/luonnos-1", "Eeva Salminen");
        host.Time.Advance(TimeSpan.FromHours(2));
        await AnswerAsync(host, started.State.Id, "Done", new() { ["documentUrl"] = " https://asiakirjat.example/luonnos-2 " });
        var documents = (await store.ListAsync(started.State.Id)).Where(r => r.Kind == "Document").ToList();
        Assert.Equal([1, 2], documents.Select(d => d.Version));
        Assert.Equal("https://asiakirjat.example/luonnos-2", documents[1]["documentUrl"]);
        Assert.Equal(Coordinator, documents[1].RecordedBy);

        // The council step links the current version.
        await host.Background.RunRoundAsync();
        var councilMail = Assert.Single(mails.Of<ApprovalMailEffect>(), m => m.Title == "Kirjaa aluevaltuuston päätös" && m.Template == "task-request");
        Assert.Equal(["https://asiakirjat.example/luonnos-2"], councilMail.Documents);

        // A meeting in the future is not a decision yet.
        await AnswerAsync(host, started.State.Id, "Approved", new() { ["meetingDate"] = "2027-12-20", ["section"] = "88", ["caseNumber"] = "HYVAKS/55/2027" });
        Assert.Null((await host.LoadAsync(started.State.Id)).Output["Outcome"]);

        await AnswerAsync(host, started.State.Id, "ChangesRequested", new() { ["meetingDate"] = "2027-10-28", ["section"] = "88", ["caseNumber"] = "HYVAKS/55/2027", ["minutesUrl"] = "https://hyvaks.example/ptk/88" });
        Assert.Equal("ChangesRequested", (await host.LoadAsync(started.State.Id)).Output["Outcome"]!.GetValue<string>());
        var decision = Assert.Single(await store.ListAsync(started.State.Id), r => r.Kind == "Decision");
        Assert.Equal(("council", "ChangesRequested", "88", "HYVAKS/55/2027", "2027-10-28"), (decision["body"], decision["outcome"], decision["section"], decision["caseNumber"], decision["meetingDate"]));
        Assert.Equal(2, decision.Data["documentVersion"]!.GetValue<int>());
        Assert.Equal("https://asiakirjat.example/luonnos-2", decision["documentUrl"]);
    }

    [Theory]
    [InlineData("member,member,member,absent", "Approved", "Approved")] // three of four, the chair among them
    [InlineData("absent,member,member,member", "Approved", "NotQuorate")] // a majority without the chair
    [InlineData("member,member,absent,absent", "Approved", "NotQuorate")] // half is not more than half
    [InlineData("deputy,deputy,member,absent", "ChangesRequested", "ChangesRequested")] // deputies count for their seats
    public async Task Minutes_DecideOnlyAtAQuorateMeeting(string attendance, string decision, string expected)
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2027, 11, 10, 12, 0, 0, TimeSpan.Zero));
        var seats = string.Join(",", Enumerable.Range(1, 4).Select(i => $"{{\"email\":\"j{i}@kunta.example\",\"name\":\"Jäsen {i}\",\"deputy\":{{\"email\":\"v{i}@kunta.example\"}}}}"));
        var outcome = (string o) => Node("o" + o, "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Outcome"), ["outputValue"] = Literal("Object", o) });
        await host.ImportAsync(Definition("minutes", Chart(
            [
                Node("minutes", "Opiskeluhuolto.RequestApproval", Ask("Vahvista pöytäkirja", "Minutes", new JsonObject
                {
                    ["attendees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = $"[{seats}]" } },
                    ["chair"] = Literal("String", "j1@kunta.example"),
                })),
                outcome("Approved"), outcome("ChangesRequested"), outcome("NotQuorate"),
            ],
            [Connect("minutes", "oApproved", "Approved"), Connect("minutes", "oChangesRequested", "ChangesRequested"), Connect("minutes", "oNotQuorate", "NotQuorate")])));
        var started = await host.StartAsync("minutes");

        // Attendance that does not name every seat is not minutes.
        await AnswerAsync(host, started.State.Id, decision, new() { ["meetingDate"] = "2027-11-10", ["attendance"] = "member,member" });
        Assert.Null((await host.LoadAsync(started.State.Id)).Output["Outcome"]);

        await AnswerAsync(host, started.State.Id, decision, new() { ["meetingDate"] = "2027-11-10", ["attendance"] = attendance, ["dissent"] = "Jäsen 2 eri mieltä." });
        Assert.Equal(expected, (await host.LoadAsync(started.State.Id)).Output["Outcome"]!.GetValue<string>());
        var kept = Assert.Single(await host.Services.GetRequiredService<CycleRecordStore>().ListAsync(started.State.Id));
        Assert.Equal(("Minutes", expected, "Jäsen 2 eri mieltä."), (kept.Kind, kept["outcome"], kept["dissent"]));
        Assert.Equal(4, kept.Data["attendance"]!.AsArray().Count);
    }

    [Fact]
    public async Task EscalateAndWait_TellsEveryContactAgainAndAgain_AndNeverTimesOut()
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2027, 11, 1, 7, 0, 0, TimeSpan.Zero));
        await host.ImportAsync(Workflow());
        var started = await host.StartAsync("recording");
        await AnswerAsync(host, started.State.Id, "Done", new() { ["documentUrl"] = "https://asiakirjat.example/luonnos-1" });
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        var mails = host.Services.GetRequiredService<RecordingEffects>();

        for (var round = 0; round < 6; round++)
        {
            host.Time.SetUtcNow((await timers.NextDueAsync())!.Value);
            await host.Background.RunRoundAsync();
        }

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Suspended, state.SubStatus);
        Assert.Null(state.Output["Outcome"]);
        var escalations = mails.Of<ApprovalMailEffect>().Where(m => m.Template == "escalation").ToList();
        Assert.True(escalations.Count >= 6, $"{escalations.Count} escalations");
        Assert.Equal(escalations.Count / 2, escalations.Count(m => m.Recipient.Email == "puheenjohtaja@hyvinvointialue.example"));
        Assert.Equal(escalations.Count, escalations.Select(m => m.MessageId).Distinct().Count());
        Assert.DoesNotContain(await host.JournalAsync(started.State.Id), r => r.EventName == "ApprovalTimedOut");

        await AnswerAsync(host, started.State.Id, "Approved", new() { ["meetingDate"] = "2027-11-02", ["section"] = "12", ["caseNumber"] = "HYVAKS/1/2027" });
        Assert.Equal("Approved", (await host.LoadAsync(started.State.Id)).Output["Outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Silence_IsToldToEachPersonsOwnContact_WhereTheRequestAsks()
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2027, 11, 1, 7, 0, 0, TimeSpan.Zero));
        var providers = "[{\"email\":\"rehtori@lukio.example\",\"escalateTo\":\"jasen@lukio.example\"},{\"email\":\"sivistys@kunta.example\",\"escalateTo\":\"jasen@kunta.example\"},{\"email\":\"toinen@kunta.example\",\"escalateTo\":\"jasen@kunta.example\"},{\"email\":\"yksin@koulu.example\"}]";
        await host.ImportAsync(Definition("inputs", Chart([Node("ask", "Opiskeluhuolto.RequestApproval", new JsonObject
        {
            ["kind"] = Literal("String", "Task"), ["title"] = Literal("String", "Toimita opiskeluhuoltosuunnitelmanne"),
            ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = providers } },
            ["dueInWorkingDays"] = Literal("Int32", 5), ["escalateTo"] = Literal("String", Coordinator), ["escalateToOwnContacts"] = Literal("Boolean", true),
        })], [])));
        var started = await host.StartAsync("inputs");
        await AnswerAsync(host, started.State.Id, "Done", null); // the lukio's principal answers
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        for (var round = 0; round < 4 && await timers.NextDueAsync() is { } due; round++)
        {
            host.Time.SetUtcNow(due);
            await host.Background.RunRoundAsync();
        }

        var escalations = host.Services.GetRequiredService<RecordingEffects>().Of<ApprovalMailEffect>().Where(m => m.Template == "escalation").ToList();
        Assert.Equal(["jasen@kunta.example", Coordinator], escalations.Select(m => m.Recipient.Email).Order());
        Assert.Equal(["sivistys@kunta.example", "toinen@kunta.example"], escalations.Single(m => m.Recipient.Email == "jasen@kunta.example").Missing.Select(p => p.Email).Order());
        Assert.Equal(3, escalations.Single(m => m.Recipient.Email == Coordinator).Missing.Count);
    }
}
