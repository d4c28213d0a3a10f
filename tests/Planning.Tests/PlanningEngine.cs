using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Notifications.Templates;
using Opiskeluhuolto.Workflows.Expressions;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>An engine with the planning module plugged in, as the Host composes it (with the mail templates that shipped workflows render).</summary>
internal static class PlanningEngine
{
    public static Task<EngineHost> StartAsync(Action<IServiceCollection>? configure = null) =>
        EngineHost.StartAsync(services =>
        {
            services.AddPlanning();
            services.AddSingleton<MailTemplates>();
            services.AddSingleton<IScriptFunctions, MailTemplateScriptFunctions>();
            configure?.Invoke(services);
        });
}
