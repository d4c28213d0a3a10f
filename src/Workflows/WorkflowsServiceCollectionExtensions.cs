using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

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

        services.AddOptions<ClusterOptions>();
        services.AddSingleton<ClusterNodes>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ScriptOptions>();
        services.AddOptions<TimerOptions>();
        services.AddOptions<Calendar.CalendarOptions>();
        services.AddSingleton<Calendar.FinnishBusinessCalendar>();
        services.AddSingleton<IScriptFunctions, Calendar.CalendarScriptFunctions>();
        services.TryAddSingleton<Activities.Http.WorkflowHttp>();
        services.AddSingleton<Activities.Approvals.PeopleDirectory>();
        services.AddSingleton<Planning.CyclePlanner>();
        services.AddSingleton<Planning.SteeringGroupPlanner>();
        services.AddSingleton(sp => new ActivityRegistry(BuiltInActivities.Create(sp.GetRequiredService<Activities.Http.WorkflowHttp>(), sp.GetRequiredService<Calendar.FinnishBusinessCalendar>(), sp.GetRequiredService<Activities.Approvals.PeopleDirectory>())));
        services.AddSingleton<IExpressionLanguage, JavaScriptLanguage>();
        services.AddSingleton<IExpressionLanguage, LiquidLanguage>();
        services.AddSingleton<ExpressionEvaluator>();
        services.AddSingleton<IExpressionEvaluator>(sp => sp.GetRequiredService<ExpressionEvaluator>());
        services.AddSingleton<WorkflowValidator>();
        services.AddSingleton<TriggerIndexer>();
        services.AddSingleton<WorkflowGraphCache>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowWriter>();
        services.AddSingleton<WorkflowStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<IWorkflowEffectHandler, EngineEffectHandler>();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<TimerScheduler>();
        services.AddSingleton<WorkflowBackgroundService>();
        services.AddSingleton<WorkflowDatabase>();
        services.AddSingleton<PersonalDataEraser>();
        return services;
    }

    /// <summary>Adds the background workers (outbox, dispatch, recovery, timers).</summary>
    public static IServiceCollection AddWorkflowBackgroundWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowBackgroundService>());
        return services;
    }
}
