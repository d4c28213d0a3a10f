using System.Net;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The engine's metrics reach Prometheus at /metrics (admin only).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_CountStartsResumesAndMail_ForAdminsOnly()
    {
        var (sink, app, _) = await ApprovalFlowTests.StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        using var admin = app.Admin();
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        var text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains("workflows_outbox_sent", StringComparison.Ordinal); attempt++)
        {
            // The Prometheus exporter collects on request; counters recorded before the first scrape are included.
            text = await admin.GetStringAsync("/metrics");
        }

        Assert.Contains("workflows_instances_started", text, StringComparison.Ordinal);
        Assert.Contains("workflows_outbox_sent", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }
}
