using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// Sign-in to the pages through an OpenID Connect provider (authorization code flow with PKCE), against a small
/// provider started by the test on a loopback port: discovery, authorize, token and keys endpoints, tokens signed
/// with its own RSA key.
/// </summary>
public sealed partial class OidcSignInTests
{
    private const string ClientId = "opiskeluhuolto-workflows";
    private const string ClientSecret = "client-secret-of-the-test-provider";

    [Fact]
    public async Task ACoordinatorFromTheProvider_ReachesTheWorkspace_AndIsRefusedTheStudio()
    {
        await using var issuer = await TestIssuer.StartAsync(ClientId, ClientSecret);
        await using var app = App(issuer);
        using var browser = Browser(app);
        var user = new TestIssuer.User("anna.koordinaattori", "Anna Koordinaattori", ["coordinator"]);

        var landing = await SignInAsync(browser, issuer, user, "/coordinator");

        Assert.Equal("/coordinator", landing);
        var workspace = await browser.GetAsync("/coordinator");
        Assert.Equal(HttpStatusCode.OK, workspace.StatusCode);
        Assert.Contains("action=\"/studio/logout\"", await workspace.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the signed-in workspace
        var studio = await browser.GetAsync("/studio/definitions");
        Assert.Equal(HttpStatusCode.Redirect, studio.StatusCode);
        Assert.StartsWith("/studio/login", studio.Headers.Location!.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminFromTheProvider_ReachesTheStudio_AndSigningOutEndsTheSession()
    {
        await using var issuer = await TestIssuer.StartAsync(ClientId, ClientSecret);
        await using var app = App(issuer);
        using var browser = Browser(app);

        var landing = await SignInAsync(browser, issuer, new TestIssuer.User("pekka.paakayttaja", "Pekka Pääkäyttäjä", ["admin"]), returnUrl: null);

        Assert.Equal("/studio/definitions", landing);
        var shell = await browser.GetAsync("/studio/definitions");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        var html = await shell.Content.ReadAsStringAsync();
        var signOut = WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/studio/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOut }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/studio/definitions")).StatusCode);
    }

    [Fact]
    public async Task AUserWithoutARole_IsSentBackToTheSignInPage_AndATamperedAnswerIsRefused()
    {
        await using var issuer = await TestIssuer.StartAsync(ClientId, ClientSecret);
        await using var app = App(issuer);
        using var browser = Browser(app);

        Assert.Equal("/studio/login?failed=true", await SignInAsync(browser, issuer, new TestIssuer.User("vieras", "Vieras", []), returnUrl: null));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/coordinator")).StatusCode);

        issuer.SignWithAnotherKey = true;
        Assert.Equal("/studio/login?failed=true", await SignInAsync(browser, issuer, new TestIssuer.User("anna", "Anna", ["coordinator"]), "/coordinator"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/coordinator")).StatusCode);
    }

    [Fact]
    public async Task TheSignInPage_OffersTheProvider()
    {
        await using var issuer = await TestIssuer.StartAsync(ClientId, ClientSecret);
        await using var app = App(issuer, displayName: "Keski-Suomen hyvinvointialue");
        using var browser = Browser(app);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/studio/login?lang=sv"));

        Assert.Contains("href=\"login/oidc?returnUrl=", page, StringComparison.Ordinal);
        Assert.Contains("Logga in med konto: Keski-Suomen hyvinvointialue", page, StringComparison.Ordinal);
    }

    private static TestApp App(TestIssuer issuer, string? displayName = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:Oidc:Authority"] = issuer.Address, ["Auth:Oidc:ClientId"] = ClientId, ["Auth:Oidc:ClientSecret"] = ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        };
        if (displayName is not null) settings["Auth:Oidc:DisplayName"] = displayName;
        var app = new TestApp(settings: settings);
        // The provider's tokens are checked on the real clock (the test clock is years away from the provider's).
        app.Time.SetUtcNow(DateTimeOffset.UtcNow);
        return app;
    }

    private static HttpClient Browser(TestApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

    /// <summary>Walks the code flow as a browser would; returns where the service sends the user at the end.</summary>
    private static async Task<string> SignInAsync(HttpClient browser, TestIssuer issuer, TestIssuer.User user, string? returnUrl)
    {
        var start = await browser.GetAsync("/studio/login/oidc" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(issuer.Address, authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);

        // At the provider: the user signs in; the provider answers with a form posted back to the service.
        issuer.NextUser = user;
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var form = await provider.GetStringAsync(authorize);
        var action = WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value);
        var fields = HiddenField().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var callback = await browser.PostAsync(new Uri(action).PathAndQuery, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var next = callback.Headers.Location!.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal);
        if (next != "/studio/signed-in") return next;
        var routed = await browser.GetAsync(next);
        return routed.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A minimal OpenID Connect provider: one client, users chosen by the test, codes used once.</summary>
    private sealed class TestIssuer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
        private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "test-key-1" };
        private readonly ConcurrentDictionary<string, (User User, string Nonce, string RedirectUri)> _codes = new();

        private TestIssuer(WebApplication app) => _app = app;

        public sealed record User(string Subject, string Name, string[] Roles);

        public string Address { get; private set; } = "";

        public User? NextUser { get; set; }

        public bool SignWithAnotherKey { get; set; }

        public static async Task<TestIssuer> StartAsync(string clientId, string clientSecret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var issuer = new TestIssuer(app);
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer.Address, ["authorization_endpoint"] = issuer.Address + "/authorize", ["token_endpoint"] = issuer.Address + "/token",
                ["jwks_uri"] = issuer.Address + "/keys", ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" }, ["code_challenge_methods_supported"] = new[] { "S256" },
            }));
            app.MapGet("/keys", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer._key.Rsa.ExportParameters(false)) { KeyId = issuer._key.KeyId }) } }));
            app.MapGet("/authorize", (HttpRequest request) =>
            {
                var q = request.Query;
                if (q["client_id"] != clientId || q["response_type"] != "code" || issuer.NextUser is not { } user) return Results.BadRequest();
                var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                issuer._codes[code] = (user, q["nonce"].ToString(), q["redirect_uri"].ToString());
                var fields = new Dictionary<string, string> { ["code"] = code, ["state"] = q["state"].ToString() };
                var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
                return Results.Content($"<html><body><form method=\"post\" action=\"{WebUtility.HtmlEncode(q["redirect_uri"].ToString())}\">{inputs}</form></body></html>", "text/html");
            });
            app.MapPost("/token", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                if (form["client_id"] != clientId || form["client_secret"] != clientSecret || form["grant_type"] != "authorization_code" || string.IsNullOrEmpty(form["code_verifier"]))
                    return Results.Json(new { error = "invalid_client" }, statusCode: 400);
                if (!issuer._codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
                    return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                var now = DateTime.UtcNow;
                var claims = new Dictionary<string, object> { ["sub"] = grant.User.Subject, ["name"] = grant.User.Name, ["nonce"] = grant.Nonce, ["roles"] = grant.User.Roles };
                var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = issuer.Address, Audience = clientId, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(10), Claims = claims,
                    SigningCredentials = new SigningCredentials(issuer.SignWithAnotherKey ? issuer._otherKey : issuer._key, SecurityAlgorithms.RsaSha256),
                });
                return Results.Json(new { access_token = "opaque-" + Guid.NewGuid().ToString("n"), token_type = "Bearer", expires_in = 600, id_token = token });
            });
            await app.StartAsync();
            issuer.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return issuer;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
