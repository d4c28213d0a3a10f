using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Tests;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/approvals/inbox?lang=sv", SecurityHeaders.PagePolicy)]
    [InlineData("/approvals/decide?t=forged", SecurityHeaders.PagePolicy)]
    [InlineData("/elsa/api/workflow-definitions", SecurityHeaders.ApiPolicy)]
    [InlineData("/health", SecurityHeaders.ApiPolicy)]
    [InlineData("/studio/login", SecurityHeaders.StudioPolicy)]
    public async Task EveryArea_GetsItsPolicy_NoReferrer_NoSniff_NoFraming(string path, string policy)
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = "admin", ["Auth:AdminPassword"] = "a long passphrase for tests" });
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(policy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        if (response.Content.Headers.ContentType?.MediaType == "text/html") Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached");
    }
}
