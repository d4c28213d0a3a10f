using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Descriptors = Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>A module registers its own activity and effect kind through the engine's public extension points.</summary>
public sealed class ExtensionPointTests
{
    [Fact]
    public async Task ActivityAndEffectOfAnotherAssembly_AreRegisteredRunAndCarriedOut()
    {
        await using var host = await EngineHost.StartAsync(services =>
        {
            services.AddSingleton(new StampSource("№ 7"));
            services.AddActivity<Stamp>();
            services.AddWorkflowEffect<StampEffect>("test-stamp");
        });
        Assert.NotNull(host.Services.GetRequiredService<ActivityRegistry>().Find("Tests.Stamp", 1));
        await host.ImportAsync(Definition("stamped", Chart([Node("s", "Elsa.Start"), Node("stamp", "Tests.Stamp", new JsonObject { ["text"] = Literal("String", "plan") })], [Connect("s", "stamp")])));

        var result = await host.StartAsync("stamped");
        await host.Background.RunRoundAsync();

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        var effect = Assert.Single(host.Services.GetRequiredService<RecordingEffects>().Of<StampEffect>());
        Assert.Equal("plan № 7", effect.Text);
        Assert.Contains(host.Services.GetRequiredService<ActivityRegistry>().All, a => a.TypeName == "Tests.Stamp" && a.Descriptor.Category == "Tests");
    }

    [Fact]
    public async Task SameActivityTwice_StopsTheStartNamingTheType()
    {
        await using var host = await EngineHost.StartAsync(services =>
        {
            services.AddSingleton(new StampSource(""));
            services.AddActivity<Stamp>();
            services.AddSingleton<IActivityProvider>(sp => new TwiceProvider(sp.GetRequiredService<Stamp>()));
        });

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<ActivityRegistry>());
        Assert.Contains("Tests.Stamp", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A service the activity takes through its constructor.</summary>
    public sealed record StampSource(string Suffix);

    /// <summary>The effect the activity asks for.</summary>
    public sealed record StampEffect(string WorkflowInstanceId, string Text) : WorkflowEffect;

    /// <summary>An activity that lives outside the engine.</summary>
    public sealed class Stamp(StampSource source) : Activity
    {
        public override string TypeName => "Tests.Stamp";

        protected override ActivityDescriptor Describe() => Descriptors.Describe.Activity(TypeName, "Tests", "Stamps a text.", inputs: [Descriptors.Describe.Input("Text", "String", "The text.")]);

        public override ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            context.Workflow.Effects.Add(new StampEffect(context.Workflow.InstanceId, $"{context.Get<string>("Text")} {source.Suffix}"));
            return context.CompleteAsync();
        }
    }

    private sealed class TwiceProvider(Activity activity) : IActivityProvider
    {
        public IEnumerable<Activity> GetActivities() => [activity];
    }
}
