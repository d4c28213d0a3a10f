using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Opiskeluhuolto.Workflows.Diagnostics;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// OpenTelemetry: the engine's metrics and burst spans plus ASP.NET Core's, exported over OTLP when an endpoint is
/// configured (<c>OpenTelemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and metrics
/// readable by Prometheus at <c>/metrics</c> (admin: scrape with <c>Authorization: ApiKey …</c>).
/// </summary>
public static class Telemetry
{
    /// <summary>Registers the providers.</summary>
    public static IServiceCollection AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["OpenTelemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("opiskeluhuolto-workflows"))
            .WithMetrics(m =>
            {
                m.AddMeter(WorkflowTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (otlp is { Length: > 0 }) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        if (otlp is { Length: > 0 })
            builder.WithTracing(t => t.AddSource(WorkflowTelemetry.Name)
                // Participant links carry their signed token in the query string: traces keep the path only.
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        return services;
    }

    /// <summary>Maps <c>/metrics</c> for Prometheus (admin only).</summary>
    public static void MapServiceTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AdminRequirementHandler.PolicyName);
    }
}
