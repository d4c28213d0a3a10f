using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Alterations;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;
using static Opiskeluhuolto.Workflows.Tests.LoopingActivityTests;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Operators' alterations: ModifyVariable, ScheduleActivity (retry), CancelActivity and Migrate, alone and in plans.</summary>
public sealed class AlterationTests
{
    private static string Versioned(string definitionId, int version, JsonObject root, JsonArray? variables = null)
    {
        var document = JsonNode.Parse(Definition(definitionId, root, variables))!.AsObject();
        document["id"] = $"{definitionId}-v{version}";
        document["version"] = version;
        return document.ToJsonString();
    }

    private static JsonObject Waiting(string waitId, string afterId) => Chart(
        [Node("start", "Elsa.Start"), Event(waitId, "go"), Line(afterId, afterId)],
        [Connect("start", waitId), Connect(waitId, afterId)]);

    [Fact]
    public async Task AFaultedScript_IsRepairedByModifyVariableAndScheduleActivity_AndTheJournalSaysWho()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("repair", Chart(
            [Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Name"), ["outputValue"] = Js("Object", "return getPerson().name;") })], []),
            new JsonArray(Variable("person", "Person", "Object"))));
        var started = await host.StartAsync("repair");
        Assert.Equal(WorkflowSubStatus.Faulted, started.State.SubStatus);
        Assert.Single(started.State.Incidents);

        var result = await host.Runtime.AlterAsync(started.State.Id,
            [new ModifyVariable("person", new JsonObject { ["name"] = "Pia" }), new ScheduleActivity("out", null)], "admin@alue.fi");

        Assert.True(result.IsSuccessful, string.Join("; ", result.Log.Select(l => l.Message)));
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Incidents);
        Assert.Equal("Pia", state.Output["Name"]!.GetValue<string>());
        var journal = await host.JournalAsync(started.State.Id);
        var applied = journal.Where(r => r.EventName == "AlterationApplied").ToList();
        Assert.Equal(["ModifyVariable", "ScheduleActivity"], applied.Select(r => r.Payload!["Alteration"]!["type"]!.GetValue<string>()));
        Assert.All(applied, r => Assert.Equal("admin@alue.fi", r.Payload!["Actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnAlterationThatFails_ChangesNothing()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("wait", Waiting("wait", "after"), new JsonArray(Variable("n", "N", "Int32", "1"))));
        var started = await host.StartAsync("wait");
        var before = await host.JournalAsync(started.State.Id);

        var result = await host.Runtime.AlterAsync(started.State.Id, [new ModifyVariable("n", JsonValue.Create(5)), new CancelActivity("nope", null)], "admin");

        Assert.False(result.IsSuccessful);
        Assert.Contains("nope", result.Log[^1].Message, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await host.JournalAsync(started.State.Id)).Count);
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(1, state.ActivityExecutionContexts.Single(c => c.ParentContextId is null).Properties["Variables"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task CancelActivity_EndsTheWait_AndTheFlowchartGoesOn()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Definition("cancel", Chart(
            [Node("start", "Elsa.Start"), Event("a", "A"), Event("b", "B"), Line("after-b", "after-b")],
            [Connect("start", "a"), Connect("start", "b"), Connect("b", "after-b")])));
        var started = await host.StartAsync("cancel");
        Assert.Equal(2, started.Bookmarks.Count);

        var result = await host.Runtime.AlterAsync(started.State.Id, [new CancelActivity("a", null)], "admin");

        Assert.True(result.IsSuccessful);
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(["b"], state.Bookmarks.Select(b => b.ActivityId));
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("B", null));
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
    }

    [Fact]
    public async Task Migrate_MovesAWaitingInstance_AndItResumesOnTheNewVersion()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Versioned("moving", 1, Waiting("wait", "v1-after")));
        var started = await host.StartAsync("moving");
        await host.ImportAsync(Versioned("moving", 2, Waiting("wait", "v2-after"), new JsonArray(Variable("extra", "Extra", "String", "uusi"))));

        var result = await host.Runtime.AlterAsync(started.State.Id, [new Migrate(2, new Dictionary<string, string>())], "admin");

        Assert.True(result.IsSuccessful, string.Join("; ", result.Log.Select(l => l.Message)));
        Assert.Equal(["Extra"], result.Migration!.AddedVariables);
        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(2, state.DefinitionVersion);
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null));
        Assert.Equal(["v2-after"], await TextsAsync(host, started.State.Id));
        Assert.Contains(await host.JournalAsync(started.State.Id), r => r.EventName == "Migrated" && r.Payload!["To"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task Migrate_IsRefused_WhenTheWaitingActivityIsGone_UnlessMapped()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Versioned("renamed", 1, Waiting("wait", "after")));
        var started = await host.StartAsync("renamed");
        await host.ImportAsync(Versioned("renamed", 2, Waiting("odota", "after")));

        var refused = await host.Runtime.AlterAsync(started.State.Id, [new Migrate(2, new Dictionary<string, string>())], "admin");
        Assert.False(refused.IsSuccessful);
        Assert.Equal(["wait"], refused.Migration!.MissingActivities);
        Assert.Equal(1, (await host.LoadAsync(started.State.Id)).DefinitionVersion);

        var mapped = await host.Runtime.AlterAsync(started.State.Id, [new Migrate(2, new Dictionary<string, string> { ["wait"] = "odota" })], "admin");
        Assert.True(mapped.IsSuccessful);
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null));
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
    }

    [Fact]
    public async Task APlan_MigratesEverySelectedInstance_Once_AndCompletes()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Versioned("many", 1, Waiting("wait", "v1-after")));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add((await host.StartAsync("many")).State.Id);
        await host.ImportAsync(Versioned("many", 2, Waiting("wait", "v2-after")));
        var plans = host.Services.GetRequiredService<AlterationPlans>();
        var filter = new AlterationFilter { DefinitionIds = ["many"], Versions = [1] };

        var (selected, reports) = await plans.DryRunAsync(filter, [new Migrate(2, new Dictionary<string, string>())]);
        Assert.Equal(ids.Order(), selected.Order());
        Assert.All(reports, r => Assert.True(r.CanMigrate));

        var planId = await plans.SubmitAsync([new Migrate(2, new Dictionary<string, string>())], filter, "admin");
        Assert.Equal(12, await plans.ProcessAsync(max: 100));
        Assert.Equal(0, await plans.ProcessAsync(max: 100));

        var (plan, jobs) = (await plans.GetAsync(planId))!.Value;
        Assert.Equal("Completed", plan.Status);
        Assert.All(jobs, j => Assert.Equal("Completed", j.Status));
        foreach (var id in ids)
        {
            var state = await host.LoadAsync(id);
            Assert.Equal(2, state.DefinitionVersion);
            Assert.Single(await host.JournalAsync(id), r => r.EventName == "Migrated");
        }
    }
}
