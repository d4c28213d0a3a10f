using System.Net;
using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The developer's trial without credentials lets in the developer's own machine and nobody who merely looks like it.</summary>
public sealed class DevelopmentAccessTests
{
    private static TestApp Development(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Auth:AdminApiKey"] = "", ["Auth:DevelopmentOpenAccess"] = "true" };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return new TestApp(settings: settings, environment: "Development");
    }

    [Fact]
    public async Task LoopbackPeer_WithoutForwardedHeaders_GetsIn()
    {
        await using var app = Development();
        app.RemoteAddress = IPAddress.Loopback;
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public async Task LoopbackPeer_CarryingAForwardedHeader_IsRefused(string header, string value)
    {
        await using var app = Development();
        app.RemoteAddress = IPAddress.Loopback;
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task PeerWithoutAddress_OrFromAnotherMachine_IsRefused()
    {
        await using var app = Development();
        using var client = app.CreateClient();

        app.RemoteAddress = null; // a Unix socket
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        app.RemoteAddress = IPAddress.Parse("203.0.113.9");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }

    [Fact]
    public async Task WithoutTheOptIn_DevelopmentIsClosedToo()
    {
        await using var app = Development(new() { ["Auth:DevelopmentOpenAccess"] = "false" });
        app.RemoteAddress = IPAddress.Loopback;
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopment_TheOptIn_StopsTheStart()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:DevelopmentOpenAccess"] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Auth:DevelopmentOpenAccess", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithForwardedHeadersOn_TheModeStopsTheStart()
    {
        await using var app = Development(new() { ["Server:ForwardedHeaders"] = "true", ["Server:KnownProxies:0"] = "127.0.0.1" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Server:ForwardedHeaders", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5180", true)]
    [InlineData("http://127.0.0.1:5180", true)]
    [InlineData("http://[::1]:5180", true)]
    [InlineData("http://0.0.0.0:5180", false)]
    [InlineData("http://[::]:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://192.168.1.20:5180", false)]
    [InlineData("http://unix:/run/opiskeluhuolto.sock", false)]
    public void ListeningAddresses_OnlyLoopbackFitsTheMode(string address, bool fits) =>
        Assert.Equal(fits, DevelopmentAccess.Refusal(address) is null);
}
