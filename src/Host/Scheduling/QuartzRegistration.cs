using Opiskeluhuolto.Workflows.Runtime;
using Quartz;

namespace Opiskeluhuolto.Host.Scheduling;

/// <summary>Registers Quartz as the timer backend on the engine's own database.</summary>
public static class QuartzRegistration
{
    /// <summary>Adds Quartz (persistent ADO store, schema provisioned at start-up) and hands it the engine's wake-ups.</summary>
    public static IServiceCollection AddQuartzTimers(this IServiceCollection services, string connectionString)
    {
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
                store.UseSqlite(connectionString);
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
