using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// Every endpoint of the service, tried with every kind of caller: nobody (and a participant, who has no identity
/// beyond the signed links), a signed-in coordinator, a signed-in administrator (Studio) and the admin API key. Each
/// endpoint must declare who may call it, and the answers must follow the declaration; no call may end in a 500.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string AdminUser = "admin", AdminPassword = "yllapito-salasana-2026", CoordinatorUser = "koordinaattori", CoordinatorPassword = "kierros-salasana-2026";

    /// <summary>Who may call an endpoint, from its metadata.</summary>
    private enum Access { Anonymous, AdminApi, Coordinator, CoordinatorPages, StudioPages }

    private enum Caller { Nobody, Coordinator, AdminSignedIn, AdminKey }

    private static Access AccessOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return Access.Anonymous;
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Contains("Admin")) return Access.AdminApi;
        if (policies.Contains("Coordinator")) return Access.Coordinator;
        if (policies.Contains("CoordinatorPages")) return Access.CoordinatorPages;
        if (policies.Contains("StudioUser")) return Access.StudioPages;
        throw new InvalidOperationException($"{endpoint.DisplayName} declares no access rule: add AllowAnonymous or a policy.");
    }

    private static bool Allowed(Access access, Caller caller) => (access, caller) switch
    {
        (Access.Anonymous, _) => true,
        (Access.AdminApi, Caller.AdminKey) => true,
        (Access.Coordinator, Caller.Coordinator or Caller.AdminSignedIn or Caller.AdminKey) => true,
        (Access.CoordinatorPages, Caller.Coordinator or Caller.AdminSignedIn) => true,
        (Access.StudioPages, Caller.AdminSignedIn) => true,
        _ => false,
    };

    [Fact]
    public async Task EveryEndpoint_AnswersEveryCallerAsDeclared_AndNeverFails()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Auth:AdminUser"] = AdminUser, ["Auth:AdminPassword"] = AdminPassword,
            ["Auth:Coordinators:0:User"] = CoordinatorUser, ["Auth:Coordinators:0:Password"] = CoordinatorPassword,
            ["RateLimits:LinksPerMinute"] = "100000",
        });
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Nobody] = Browser(app),
            [Caller.Coordinator] = await SignedInAsync(app, CoordinatorUser, CoordinatorPassword),
            [Caller.AdminSignedIn] = await SignedInAsync(app, AdminUser, AdminPassword),
            [Caller.AdminKey] = Browser(app),
        };
        clients[Caller.AdminKey].DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", app.ApiKey);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Endpoint: e, Method: m)))
            .Where(e => e.Method != "OPTIONS")
            .OrderBy(e => e.Endpoint.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
        Assert.True(endpoints.Count > 80, $"only {endpoints.Count} endpoints found");

        var failures = new List<string>();
        var checks = 0;
        foreach (var (endpoint, method) in endpoints)
        {
            var access = AccessOf(endpoint);
            // Route values that pass the constraints ({version:int} → 1), so the request reaches authorisation.
            var url = Parameters().Replace(endpoint.RoutePattern.RawText!.TrimEnd('/') is { Length: > 0 } raw ? raw : "/",
                m => m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains(":long", StringComparison.Ordinal) ? "1" : "nope");
            if (!url.StartsWith('/')) url = "/" + url;
            var isForm = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Any(c => c.Contains("form", StringComparison.Ordinal)) == true
                || url.StartsWith("/coordinator", StringComparison.Ordinal) || url.StartsWith("/studio", StringComparison.Ordinal);
            var signsOut = url == "/studio/logout";
            foreach (var (caller, client) in clients)
            {
                if (signsOut && caller is Caller.Coordinator or Caller.AdminSignedIn) continue; // would end the session used by the other checks
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH") request.Content = isForm ? new FormUrlEncodedContent([]) : TestApp.Json("{}");
                using var response = await client.SendAsync(request);
                checks++;
                var location = response.Headers.Location?.ToString() ?? "";
                var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (access != Access.Anonymous && response.StatusCode == HttpStatusCode.Redirect && location.Contains("/studio/login", StringComparison.Ordinal));
                var notReady = url == "/health/ready" && response.StatusCode == HttpStatusCode.ServiceUnavailable; // Quartz is not started in tests
                if ((int)response.StatusCode >= 500 && !notReady) failures.Add($"{method} {url} as {caller}: {(int)response.StatusCode}");
                else if (denied == Allowed(access, caller)) failures.Add($"{method} {url} ({access}) as {caller}: {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join("\n", failures));
        foreach (var client in clients.Values) client.Dispose();
    }

    private static HttpClient Browser(TestApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

    private static async Task<HttpClient> SignedInAsync(TestApp app, string user, string password)
    {
        var browser = Browser(app);
        var page = await browser.GetStringAsync("/studio/login");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var login = await browser.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["user"] = user, ["password"] = password, ["returnUrl"] = "/coordinator",
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();
}
