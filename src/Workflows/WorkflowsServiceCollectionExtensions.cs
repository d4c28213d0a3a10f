using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows;

/// <summary>Registers the engine.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the engine on SQLite at <paramref name="connectionString"/>, without background workers.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, string connectionString) =>
        services.AddWorkflowEngine(new WorkflowStorage(DatabaseProvider.Sqlite, connectionString));

    /// <summary>Adds the engine on the given database, without background workers.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        services.AddSingleton(storage);
        // Pooled contexts: a resume opens two (bookmark lookup, load), and building a fresh one (its service scope and
        // a dozen resolutions) cost about a third of a resume's CPU.
        if (storage.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddPooledDbContextFactory<Persistence.PostgreSql.PostgreSqlWorkflowsDbContext>(o => o.UseNpgsql(storage.ConnectionString));
            services.AddSingleton<IDbContextFactory<WorkflowsDbContext>>(sp =>
                new Persistence.PostgreSql.PostgreSqlContextFactory(sp.GetRequiredService<IDbContextFactory<Persistence.PostgreSql.PostgreSqlWorkflowsDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<WorkflowsDbContext>(o => o.UseSqlite(storage.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor()));
        }

        services.AddOptions<ClusterOptions>()
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "Cluster:HeartbeatInterval must be positive.")
            .Validate(o => o.NodeTimeout >= 2 * o.HeartbeatInterval, "Cluster:NodeTimeout must be at least twice Cluster:HeartbeatInterval (a live node would be taken for gone).")
            .ValidateOnStart();
        services.AddSingleton<ClusterNodes>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ScriptOptions>()
            .Validate(o => o.MaxStatements > 0, "Scripts:MaxStatements must be positive.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Scripts:Timeout must be positive.")
            .Validate(o => o.MemoryLimitBytes > 0, "Scripts:MemoryLimitBytes must be positive.")
            .Validate(o => o.RecursionLimit > 0, "Scripts:RecursionLimit must be positive.")
            .Validate(o => o.MaxScriptLength > 0, "Scripts:MaxScriptLength must be positive.")
            .Validate(o => o.MaxLiquidSteps > 0, "Scripts:MaxLiquidSteps must be positive.")
            .ValidateOnStart();
        services.AddOptions<TimerOptions>()
            .Validate(o => o.BookmarkPollInterval > TimeSpan.Zero, "Timers:BookmarkPollInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<WorkflowEngineOptions>()
            .Validate(o => WorkflowTimeZone.Resolve(o.TimeZone) is not null, "Engine:TimeZone must be a known time zone id (e.g. UTC or Europe/Helsinki).")
            .Validate(o => o.OutboxLanes is >= 1 and <= WorkflowEngineOptions.MaxOutboxLanes, $"Engine:OutboxLanes must be between 1 and {WorkflowEngineOptions.MaxOutboxLanes}.")
            .ValidateOnStart();
        services.AddSingleton<WorkflowTimeZone>();
        services.AddOptions<Activities.Http.HttpActivityOptions>()
            .Validate(o => o.MaxResponseBytes > 0, "HttpActivities:MaxResponseBytes must be positive.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "HttpActivities:Timeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<Activities.Http.WorkflowHttp>();
        services.AddSingleton<IActivityProvider, BuiltInActivityProvider>();
        services.AddSingleton(sp => new ActivityRegistry(sp.GetServices<IActivityProvider>()));
        services.AddSingleton<WorkflowEffectSerializer>();
        services.AddSingleton<IExpressionLanguage, JavaScriptLanguage>();
        services.AddSingleton<IExpressionLanguage, LiquidLanguage>();
        services.AddSingleton<ExpressionEvaluator>();
        services.AddSingleton<JavaScriptTypeDefinitions>();
        services.AddSingleton<Runtime.ActivityTester>();
        services.AddSingleton<IExpressionEvaluator>(sp => sp.GetRequiredService<ExpressionEvaluator>());
        services.AddSingleton<WorkflowValidator>();
        services.AddSingleton<TriggerIndexer>();
        services.AddSingleton<WorkflowGraphCache>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowWriter>();
        services.AddSingleton<WorkflowStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<Alterations.AlterationPlans>();
        services.AddSingleton<IWorkflowEffectHandler, EngineEffectHandler>();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<TimerScheduler>();
        services.AddSingleton<WorkflowBackgroundService>();
        services.AddSingleton<WorkflowDatabase>();
        return services;
    }

    /// <summary>
    /// Registers an activity type from outside the engine: <typeparamref name="TActivity"/> is created once by the
    /// container (its constructor may take services) and joins the catalogue Studio and the runtime see.
    /// </summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services) where TActivity : Activity
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TActivity>();
        services.AddSingleton<IActivityProvider>(sp => new SingleActivityProvider(sp.GetRequiredService<TActivity>()));
        return services;
    }

    /// <summary>
    /// Registers an effect kind from outside the engine, stored in the outbox under <paramref name="kind"/> (keep it
    /// once stored). Carry it out with an <see cref="IWorkflowEffectHandler"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowEffect<TEffect>(this IServiceCollection services, string kind) where TEffect : WorkflowEffect
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        services.AddSingleton(new WorkflowEffectType(typeof(TEffect), kind));
        return services;
    }

    /// <summary>Adds the background workers (outbox, dispatch, recovery, timers).</summary>
    public static IServiceCollection AddWorkflowBackgroundWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowBackgroundService>());
        return services;
    }
}

/// <summary>One registered activity instance.</summary>
internal sealed class SingleActivityProvider(Activity activity) : IActivityProvider
{
    public IEnumerable<Activity> GetActivities() => [activity];
}
