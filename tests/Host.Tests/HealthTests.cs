using System.Net;

namespace Opiskeluhuolto.Host.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_AndReady_AnswerAnonymously_ReadyChecksTheDatabaseAndScheduler()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Timers:Backend"] = "InProcess" });
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await live.JsonAsync())["status"]!.GetValue<string>());

        var ready = await client.GetAsync("/health/ready");
        var body = await ready.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["scheduler"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_SmtpRelayDown_IsDegradedNotUnready_AndHealthyWhenItAnswers()
    {
        await using var sink = new SmtpSink();
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        foreach (var (port, expected) in new[] { (closedPort, "Degraded"), (sink.Port, "Healthy") })
        {
            await using var app = new TestApp(settings: new Dictionary<string, string>
            {
                ["Timers:Backend"] = "InProcess", ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var client = app.CreateClient();
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(expected, (await ready.JsonAsync())["checks"]!["mail"]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Ready_QuartzNotStarted_Is503NamingTheScheduler()
    {
        await using var app = new TestApp(); // the test host does not start hosted services, so Quartz stays in standby
        using var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.JsonAsync();
        Assert.Equal("Unhealthy", body["checks"]!["scheduler"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_DatabaseGone_Is503()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Timers:Backend"] = "InProcess" });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataFolder, "workflows.db*")) File.Delete(file);
        Directory.Delete(app.DataFolder, recursive: true);

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (await ready.JsonAsync())["checks"]!["database"]!["status"]!.GetValue<string>());
    }
}
