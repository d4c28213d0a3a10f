using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Elsa's activation strategies decide whether a new instance may start.</summary>
public sealed class ActivationStrategyTests
{
    private static string Waiting(string? strategy) => Definition("wf", Chart([Event("wait", "go")], []),
        options: strategy is null ? null : new JsonObject { ["activationStrategyType"] = $"Elsa.Workflows.ActivationValidators.{strategy}, Elsa.Workflows.Core" });

    private static async Task FinishAsync(EngineHost host, string instanceId) =>
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("go", null, workflowInstanceId: instanceId));

    [Fact]
    public async Task Always_IsTheDefault()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Waiting(null));
        await host.StartAsync("wf");
        await host.StartAsync("wf");
    }

    [Fact]
    public async Task Singleton_RefusesWhileOneRuns_AndAllowsAfterIt()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Waiting("SingletonStrategy"));
        var first = await host.StartAsync("wf");

        var refused = await Assert.ThrowsAsync<WorkflowActivationRefusedException>(() => host.StartAsync("wf", correlationId: "another"));
        Assert.Contains("singleton", refused.Message, StringComparison.Ordinal);

        await FinishAsync(host, first.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(first.State.Id)).SubStatus);
        await host.StartAsync("wf");
    }

    [Fact]
    public async Task CorrelatedSingleton_RefusesTheSameCorrelationWhileItRuns()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Waiting("CorrelatedSingletonStrategy"));
        var group = await host.StartAsync("wf", correlationId: "ohjausryhma-jyvaskyla");

        await Assert.ThrowsAsync<WorkflowActivationRefusedException>(() => host.StartAsync("wf", correlationId: "ohjausryhma-jyvaskyla"));
        await host.StartAsync("wf", correlationId: "ohjausryhma-oulu");
        await FinishAsync(host, group.State.Id);
        await host.StartAsync("wf", correlationId: "ohjausryhma-jyvaskyla");
    }

    [Fact]
    public async Task Correlation_RefusesTheSameCorrelationEvenAfterItFinished()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Waiting("CorrelationStrategy"));
        var once = await host.StartAsync("wf", correlationId: "kausi-2025");
        await FinishAsync(host, once.State.Id);

        await Assert.ThrowsAsync<WorkflowActivationRefusedException>(() => host.StartAsync("wf", correlationId: "kausi-2025"));
        await host.StartAsync("wf", correlationId: "kausi-2029");
    }
}
