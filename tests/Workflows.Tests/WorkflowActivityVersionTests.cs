using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Publishing a new version of a workflow used as an activity never breaks the workflows and instances that use an older one.</summary>
public sealed class WorkflowActivityVersionTests
{
    private static string Child(int version, string label, bool autoUpdate = false) => new JsonObject
    {
        ["id"] = $"phase-step-v{version}", ["definitionId"] = "phase-step", ["name"] = "Phase Step", ["version"] = version, ["isPublished"] = true,
        ["outputs"] = new JsonArray(new JsonObject { ["name"] = "Label", ["type"] = "String" }),
        ["options"] = new JsonObject { ["usableAsActivity"] = true, ["autoUpdateConsumingWorkflows"] = autoUpdate },
        ["root"] = Chart(
            [Node("wait", "Elsa.Event", new JsonObject { ["eventName"] = Literal("String", "go") }),
             Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Label"), ["outputValue"] = Literal("Object", label) })],
            [Connect("wait", "o")], "stepflow"),
    }.ToJsonString();

    private static string Parent() => Definition("cycle", Chart(
        [Node("step", "PhaseStep", new JsonObject { ["version"] = 1, ["label"] = new JsonObject { ["typeName"] = "String", ["memoryReference"] = new JsonObject { ["id"] = "l" } } }),
         Node("out", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "Result"), ["outputValue"] = Js("Object", "return getLabel();") })],
        [Connect("step", "out")]),
        new JsonArray(Variable("l", "Label", "String")));

    private static async Task<string?> FinishAsync(EngineHost host, string instanceId)
    {
        await host.Runtime.DeliverAsync(new Stimulus(StimulusHasher.Hash("Elsa.Event", new JsonObject { ["EventName"] = "go" }), null, null, instanceId, null, CanStartWorkflows: false, QueueIfUnmatched: false));
        var state = await host.LoadAsync(instanceId);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Incidents);
        return state.Output["Result"]?.GetValue<string>();
    }

    private static async Task<WorkflowDefinition> PublishChildAsync(EngineHost host, string label, bool autoUpdate, List<string>? consumers = null)
    {
        var latest = (await host.Definitions.FindAsync("phase-step", VersionOptions.Latest))!;
        var edited = WorkflowDefinitionReader.Read(Child(latest.Version, label, autoUpdate));
        edited.Id = latest.Id;
        var result = await host.Definitions.SaveAsync(edited, publish: true);
        consumers?.AddRange(result.UpdatedConsumers);
        return result.Definition;
    }

    [Fact]
    public async Task PublishingTheChild_KeepsParentsSavable_RunningInstancesOnTheirVersion_AndAutoUpdateRepointsTheParent()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Child(1, "v1"));
        await host.ImportAsync(Parent());
        var waiting = (await host.StartAsync("cycle")).State.Id;
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(waiting)).SubStatus);

        // An admin edits the child and publishes it as version 2.
        var v2 = await PublishChildAsync(host, "v2", autoUpdate: false);
        Assert.Equal(2, v2.Version);

        // The parent still saves and publishes (it references version 1, which stays resolvable).
        var parent = (await host.Definitions.FindAsync("cycle", VersionOptions.Latest))!;
        var saved = await host.Definitions.SaveAsync(parent, publish: true);
        Assert.Equal(2, saved.Definition.Version);

        // The waiting instance finishes on version 1; a new one runs the version its parent references.
        Assert.Equal("v1", await FinishAsync(host, waiting));
        Assert.Equal("v1", await FinishAsync(host, (await host.StartAsync("cycle")).State.Id));
        Assert.Equal(["cycle"], await host.Definitions.ConsumersAsync("phase-step"));

        // With autoUpdateConsumingWorkflows the parent gets a new, published version that references the new child.
        var consumers = new List<string>();
        var v3 = await PublishChildAsync(host, "v3", autoUpdate: true, consumers);
        Assert.Equal(["cycle"], consumers);
        var repointed = (await host.Definitions.FindAsync("cycle", VersionOptions.Published))!;
        Assert.Equal(3, repointed.Version);
        var node = repointed.Root!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "step")!;
        Assert.Equal(v3.Version, node["version"]!.GetValue<int>());
        Assert.Equal(v3.Id, node["workflowDefinitionVersionId"]!.GetValue<string>());
        Assert.Equal("v3", await FinishAsync(host, (await host.StartAsync("cycle")).State.Id));
        Assert.Empty(await host.Definitions.UpdateReferencesAsync("phase-step")); // already up to date
    }

    [Fact]
    public async Task AVersionDeletedFromTheHistory_FallsBackToThePublishedOne()
    {
        await using var host = await EngineHost.StartAsync();
        await host.ImportAsync(Child(1, "v1"));
        await host.ImportAsync(Parent());
        await PublishChildAsync(host, "v2", autoUpdate: false);

        var v1 = (await host.Definitions.FindAsync("phase-step", new VersionOptions("Specific", 1)))!;
        Assert.True(await host.Definitions.DeleteVersionAsync(v1.Id));

        Assert.Equal("v2", await FinishAsync(host, (await host.StartAsync("cycle")).State.Id));
    }
}
