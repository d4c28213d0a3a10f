using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Opiskeluhuolto.Workflows.Persistence;
using Quartz;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers a query and, with the Quartz
/// backend, the scheduler is running). Anonymous; they reveal only the check names and their status.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Registers the readiness checks.</summary>
    public static IServiceCollection AddWorkflowHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"])
            .AddCheck<MailHealthCheck>("mail", tags: ["ready"]);
        return services;
    }

    /// <summary>Maps the endpoints (<c>/health</c> stays as an alias of live).</summary>
    public static void MapWorkflowHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health", live).AllowAnonymous();
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    });

    private sealed class DatabaseHealthCheck(IDbContextFactory<WorkflowsDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await db.WorkflowDefinitions.AsNoTracking().Select(x => x.Id).FirstOrDefaultAsync(cancellationToken);
                return HealthCheckResult.Healthy("The workflow database answers.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The workflow database does not answer.", e);
            }
        }
    }

    /// <summary>
    /// The SMTP relay accepts a TCP connection (or the pickup folder is writable). A mail outage leaves the service
    /// <i>Degraded</i>, not unready: decisions are still taken and the outbox keeps the mail until the relay is back.
    /// </summary>
    private sealed class MailHealthCheck(Microsoft.Extensions.Options.IOptions<Notifications.Smtp.SmtpOptions> options, Notifications.Smtp.PickupFolderEmailSender pickup) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var smtp = options.Value;
            if (string.IsNullOrWhiteSpace(smtp.Host))
            {
                // The folder the sender writes to (resolved against the content root), not the setting read again.
                try
                {
                    Directory.CreateDirectory(pickup.Folder);
                    return HealthCheckResult.Healthy("Mail goes to the pickup folder.");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return HealthCheckResult.Degraded($"The mail pickup folder cannot be written: {e.Message}");
                }
            }

            using var client = new System.Net.Sockets.TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                await client.ConnectAsync(smtp.Host, smtp.Port, timeout.Token);
                return HealthCheckResult.Healthy($"The SMTP relay {smtp.Host}:{smtp.Port} answers.");
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return HealthCheckResult.Degraded($"The SMTP relay {smtp.Host}:{smtp.Port} does not answer; mail waits in the outbox.");
            }
        }
    }

    private sealed class SchedulerHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<ISchedulerFactory>() is not { } factory) return HealthCheckResult.Healthy("In-process timers.");
            var scheduler = await factory.GetScheduler(cancellationToken);
            return scheduler.Status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy("Quartz is running.")
                : HealthCheckResult.Unhealthy($"Quartz is {scheduler.Status}.");
        }
    }
}
