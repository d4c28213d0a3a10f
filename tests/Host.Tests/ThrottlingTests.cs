using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Guessing credentials is slowed down per client address and per account, and a client cannot choose its own address.</summary>
public sealed partial class ThrottlingTests
{
    private const string AdminUser = "paakayttaja";
    private const string AdminPassword = "a long enough passphrase";

    private static TestApp App(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Auth:AdminUser"] = AdminUser, ["Auth:AdminPassword"] = AdminPassword };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return new TestApp(settings: settings);
    }

    private static async Task<(HttpClient Browser, string Token)> LoginFormAsync(TestApp app)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/studio/login");
        return (browser, WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string token, string user, string password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/studio/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["user"] = user, ["password"] = password }),
        };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await browser.SendAsync(request);
    }

    [Fact]
    public async Task APeerThatIsNoProxy_RotatingXForwardedFor_Gets429OnThe11thSignIn()
    {
        await using var app = App(new() { ["Server:ForwardedHeaders"] = "true", ["Server:KnownProxies:0"] = "10.0.0.1" });
        var (browser, token) = await LoginFormAsync(app);
        using var _ = browser;

        for (var i = 1; i <= 10; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, token, $"arvaus{i}", "wrong password", $"203.0.113.{i}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(browser, token, "arvaus11", "wrong password", "203.0.113.11")).StatusCode);
    }

    [Fact]
    public async Task TheConfiguredProxy_ForwardsEachClientsOwnAddress()
    {
        await using var app = App(new() { ["Server:ForwardedHeaders"] = "true", ["Server:KnownProxies:0"] = "10.0.0.0/24" });
        app.RemoteAddress = IPAddress.Parse("10.0.0.1");
        var (browser, token) = await LoginFormAsync(app);
        using var _ = browser;

        // Twelve different people behind the proxy each have their own allowance.
        for (var i = 1; i <= 12; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, token, $"henkilo{i}", "wrong password", $"198.51.100.{i}")).StatusCode);
    }

    [Fact]
    public async Task AnAccountGuessedFromManyAddresses_IsHeldBack_UntilTheWindowEnds()
    {
        await using var app = App();
        var (browser, token) = await LoginFormAsync(app);
        using var _ = browser;
        for (var i = 1; i <= FailedAttemptsLimit; i++)
        {
            app.RemoteAddress = IPAddress.Parse($"203.0.113.{i}");
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, token, AdminUser, $"guess {i}")).StatusCode);
        }

        app.RemoteAddress = IPAddress.Parse("198.51.100.7");
        var held = await SignInAsync(browser, token, AdminUser.ToUpperInvariant(), AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.NotNull(held.Headers.RetryAfter);
        Assert.Contains("Liian monta väärää salasanaa", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromMinutes(16));
        var later = await SignInAsync(browser, token, AdminUser, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal("/studio/definitions", later.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TwentyWrongApiKeys_Get429_AndTheAddressWaitsAMinute()
    {
        await using var app = App();
        using var guesser = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/workflow-definitions");
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", $"guess-{i:D2}-{new string('x', 40)}");
            answers.Add((await guesser.SendAsync(request)).StatusCode);
        }

        Assert.All(answers.Take(FailedAttemptsLimit), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.All(answers.Skip(FailedAttemptsLimit), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        using (var sameAddress = app.Admin())
            Assert.Equal(HttpStatusCode.TooManyRequests, (await sameAddress.GetAsync("/elsa/api/workflow-definitions")).StatusCode);

        app.RemoteAddress = IPAddress.Parse("198.51.100.20");
        using (var elsewhere = app.Admin())
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/elsa/api/workflow-definitions")).StatusCode);

        app.RemoteAddress = IPAddress.Parse("192.0.2.10");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        using var afterAMinute = app.Admin();
        Assert.Equal(HttpStatusCode.OK, (await afterAMinute.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }

    [Fact]
    public async Task AHashedPassword_SignsIn_AndTheHashItselfDoesNot()
    {
        using var input = new StringReader(AdminPassword + "\n");
        using var output = new StringWriter();
        Assert.Equal(0, Opiskeluhuolto.Host.Infrastructure.LocalPasswords.HashCommand(input, output));
        var hash = output.ToString().Trim();
        Assert.True(Opiskeluhuolto.Host.Infrastructure.LocalPasswords.IsHash(hash));
        await using var app = App(new() { ["Auth:AdminPassword"] = hash, ["Auth:Coordinators:0:User"] = "anna", ["Auth:Coordinators:0:Password"] = Opiskeluhuolto.Host.Infrastructure.LocalPasswords.Hash("annan pitkä salasana") });
        var (browser, token) = await LoginFormAsync(app);
        using var _ = browser;

        Assert.Equal("/studio/login?failed=true&returnUrl=%2Fstudio%2Fdefinitions", (await SignInAsync(browser, token, AdminUser, hash)).Headers.Location!.ToString());
        Assert.Equal("/studio/definitions", (await SignInAsync(browser, token, AdminUser, AdminPassword)).Headers.Location!.ToString());
        Assert.Equal("/coordinator", (await SignInAsync(browser, token, "anna", "annan pitkä salasana")).Headers.Location!.ToString());
    }

    private const int FailedAttemptsLimit = Opiskeluhuolto.Host.Infrastructure.FailedAttempts.Limit;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
