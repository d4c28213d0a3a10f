using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>An engine with the planning module plugged in, as the Host composes it.</summary>
internal static class PlanningEngine
{
    public static Task<EngineHost> StartAsync(Action<IServiceCollection>? configure = null) =>
        EngineHost.StartAsync(services =>
        {
            services.AddPlanning();
            configure?.Invoke(services);
        });
}
