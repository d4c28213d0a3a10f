using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;
using static Opiskeluhuolto.Workflows.Tests.LoopingActivityTests;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Elsa.StateMachine as elsa-core's StateMachineTests describe it, run through the engine with real bookmarks.</summary>
public sealed class StateMachineTests
{
    private static JsonObject Machine(JsonNode? payCondition = null) => new()
    {
        ["id"] = "machine",
        ["type"] = "Elsa.StateMachine",
        ["version"] = 1,
        ["initialState"] = "New",
        ["states"] = new JsonArray(
            new JsonObject { ["name"] = "New", ["entry"] = Line("new-entry", "enter New"), ["exit"] = Line("new-exit", "exit New") },
            new JsonObject { ["name"] = "Paid", ["entry"] = Line("paid-entry", "enter Paid") },
            new JsonObject { ["name"] = "Closed" }),
        ["transitions"] = new JsonArray(
            new JsonObject { ["name"] = "Pay", ["from"] = "New", ["to"] = "Paid", ["trigger"] = Event("pay", "pay"), ["condition"] = payCondition, ["action"] = Line("pay-action", "pay action") },
            new JsonObject { ["name"] = "Cancel", ["from"] = "New", ["to"] = "Closed", ["trigger"] = Event("cancel", "cancel") },
            new JsonObject { ["name"] = "Close", ["from"] = "Paid", ["to"] = "Closed", ["trigger"] = Event("close", "close") }),
    };

    [Fact]
    public async Task EntersTheInitialState_ThenArmsItsTriggers()
    {
        var (host, result) = await RunAsync(Machine());
        await using var _ = host;

        Assert.Equal(["enter New"], await TextsAsync(host, result.State.Id));
        Assert.Equal(["cancel", "pay"], result.Bookmarks.Select(b => b.ActivityId).Order());
    }

    [Fact]
    public async Task AnAcceptedTransition_RunsActionExitAndEntry_AndCancelsTheCompetingTrigger()
    {
        var (host, result) = await RunAsync(Machine());
        await using var _ = host;

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("pay", null));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Equal(["enter New", "pay action", "exit New", "enter Paid"], await TextsAsync(host, result.State.Id));
        Assert.Equal(["close"], state.Bookmarks.Select(b => b.ActivityId));
        Assert.Equal("Paid", state.ActivityExecutionContexts.Single(c => c.ScheduledActivityNodeId.EndsWith(":machine", StringComparison.Ordinal)).Properties["CurrentState"]!.GetValue<string>());

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("close", null));

        state = await host.LoadAsync(result.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
    }

    [Fact]
    public async Task AFalseCondition_ArmsTheTriggerAgain_AndLeavesTheOthers()
    {
        var (host, result) = await RunAsync(Machine(Js("Boolean", "return false;")));
        await using var _ = host;

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("pay", null));

        var state = await host.LoadAsync(result.State.Id);
        Assert.Equal(["enter New"], await TextsAsync(host, result.State.Id));
        Assert.Equal(["cancel", "pay"], state.Bookmarks.Select(b => b.ActivityId).Order());

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("cancel", null));

        state = await host.LoadAsync(result.State.Id);
        Assert.Equal(["enter New", "exit New"], await TextsAsync(host, result.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
    }

    [Fact]
    public async Task AnEmptyMachine_AsStudioCreatesIt_CompletesAtOnce()
    {
        var (host, result) = await RunAsync(new JsonObject { ["id"] = "machine", ["type"] = "Elsa.StateMachine", ["version"] = 1, ["states"] = new JsonArray(), ["transitions"] = new JsonArray() });
        await using var _ = host;

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }
}
