using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class InstanceGatesTests
{
    [Fact]
    public async Task OneHolderPerInstance_AndNoGateLeftOnceNobodyHoldsOrWaits()
    {
        var gates = new InstanceGates();
        var first = await gates.EnterAsync("a", CancellationToken.None);
        var other = await gates.EnterAsync("b", CancellationToken.None); // another instance is not held up
        var second = gates.EnterAsync("a", CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        other.Dispose();

        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task CancelledWait_LeavesNoGateBehind_AndDoesNotTakeTheGate()
    {
        var gates = new InstanceGates();
        var held = await gates.EnterAsync("a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gates.EnterAsync("a", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        Assert.Equal(0, gates.Count);
        (await gates.EnterAsync("a", CancellationToken.None)).Dispose(); // free again
        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task ManyInstancesStartedAndResumed_LeaveNoGates()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Flow.Definition("gated", Flow.Chart(
            [Flow.Node("s", "Elsa.Start"), Flow.Event("wait", "Go"), Flow.Line("after", "jatkuu")],
            [Flow.Connect("s", "wait"), Flow.Connect("wait", "after")])));
        var ids = new List<string>();
        for (var i = 0; i < 20; i++) ids.Add((await host.StartAsync("gated")).State.Id);
        await Task.WhenAll(ids.Select(id => host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, workflowInstanceId: id))));

        Assert.Equal(0, host.Runtime.HeldGates);
    }
}
