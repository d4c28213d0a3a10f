using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Quartz;

namespace Opiskeluhuolto.Host.Scheduling;

/// <summary>Registers Quartz as the timer backend on the engine's own database.</summary>
public static class QuartzRegistration
{
    /// <summary>
    /// Adds Quartz (persistent ADO store in the engine's database, schema provisioned at start-up) and hands it the
    /// engine's wake-ups. On PostgreSQL the store is clustered: every node runs a scheduler, each trigger fires on one.
    /// </summary>
    public static IServiceCollection AddQuartzTimers(this IServiceCollection services, WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.Configure<TimerOptions>(o =>
        {
            o.InProcessTriggers = false;
            o.BookmarkPollInterval = TimeSpan.FromSeconds(30);
        });
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "Opiskeluhuolto";
                o.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 10);
            q.UsePersistentStore(store =>
            {
                if (storage.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
                else
                {
                    store.UseSqlite(storage.ConnectionString);
                }

                store.UseSystemTextJsonSerializer(_ => { });
                store.ProvisionSchema();
                store.ConfigureStore(o => o.MisfireThreshold = TimeSpan.FromMinutes(10));
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<QuartzTimerWakeUps>();
        services.AddSingleton<ITimerWakeUps>(sp => sp.GetRequiredService<QuartzTimerWakeUps>());
        return services;
    }
}
