using System.Net;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class StudioShellTests
{
    private const string User = "koordinaattori";
    private const string Password = "shell-test-password";

    private static async Task<HttpClient> SignInAsync(TestApp app, string prefix)
    {
        // The proxy terminates TLS: the admin cookie is Secure, so the test browser talks https as a real one would.
        // The proxy passes the Host header through (its address is in Server:KnownProxies); forwarded host names are not believed.
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://opiskeluhuolto.hyvinvointialue.example/") });
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var redirect = await browser.GetAsync($"{prefix}/studio/definitions");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains($"{prefix}/studio/login", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await browser.GetStringAsync($"{prefix}/studio/login");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var login = await browser.PostAsync($"{prefix}/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["user"] = User, ["password"] = Password, ["returnUrl"] = $"{prefix}/studio/instances",
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal($"{prefix}/studio/instances", login.Headers.Location!.ToString());
        return browser;
    }

    [Fact]
    public async Task Shell_BehindProxyWithPathBase_UsesPublicAbsoluteEndpointAndBase()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password, ["Server:PathBase"] = "/opiskeluhuolto", ["Server:ForwardedHeaders"] = "true", ["Server:KnownProxies:0"] = "192.0.2.0/24",
        });
        using var browser = await SignInAsync(app, "/opiskeluhuolto");

        var html = await browser.GetStringAsync("/opiskeluhuolto/studio/definitions/plan-approval/edit");

        Assert.Contains("<base href=\"/opiskeluhuolto/studio/\"", html, StringComparison.Ordinal);
        Assert.Contains("data-endpoint=\"https://opiskeluhuolto.hyvinvointialue.example/opiskeluhuolto/elsa/api\"", html, StringComparison.Ordinal);
        Assert.Contains("data-attribute-name=\"definition-id\" data-attribute-value=\"plan-approval\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudioToken_FromShell_IsAcceptedByTheApi()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password });
        using var browser = await SignInAsync(app, "");
        var html = await browser.GetStringAsync("/studio/definitions");
        var token = WebUtility.HtmlDecode(AccessToken().Match(html).Groups[1].Value);
        using var api = app.CreateClient();

        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        app.Time.Advance(TimeSpan.FromHours(11));
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }

    [Fact]
    public async Task StudioToken_LivesAnHour_IsRenewedWhileSignedIn_AndEndsAtSignOut()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password });
        using var browser = await SignInAsync(app, "");
        var html = await browser.GetStringAsync("/studio/definitions");
        var first = WebUtility.HtmlDecode(AccessToken().Match(html).Groups[1].Value);
        var signOut = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        Assert.Contains("data-token-url=\"/studio/token\"", html, StringComparison.Ordinal);
        using var api = app.CreateClient();
        async Task<HttpStatusCode> WithToken(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/workflow-definitions");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return (await api.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await WithToken(first));
        app.Time.Advance(TimeSpan.FromMinutes(50));
        var renewal = await browser.GetAsync("/studio/token");
        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        Assert.Contains("no-store", renewal.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var second = (await renewal.JsonAsync())["accessToken"]!.GetValue<string>();
        app.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithToken(first)); // an hour has passed
        Assert.Equal(HttpStatusCode.OK, await WithToken(second));

        var logout = await browser.PostAsync("/studio/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOut }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await WithToken(second));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/studio/token")).StatusCode);
    }

    [Fact]
    public async Task ACopiedSignInCookie_StopsWorkingAtSignOut()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password });
        // A client without a cookie jar: every cookie is carried by hand, as a copied cookie would be.
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return response;
        }

        var login = await (await SendAsync(HttpMethod.Get, "/studio/login")).Content.ReadAsStringAsync();
        await SendAsync(HttpMethod.Post, "/studio/login", new() { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value), ["user"] = User, ["password"] = Password });
        var copied = cookies["opiskeluhuolto-admin"];
        var shell = await SendAsync(HttpMethod.Get, "/studio/definitions");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);

        var signOut = WebUtility.HtmlDecode(Token().Match(await shell.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(HttpMethod.Post, "/studio/logout", new() { ["__RequestVerificationToken"] = signOut })).StatusCode);

        cookies["opiskeluhuolto-admin"] = copied; // put back, as a thief with a copy would
        var again = await SendAsync(HttpMethod.Get, "/studio/definitions");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/studio/login", again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInCookie_BehindATlsProxyThatForwardsNothing_IsSecure()
    {
        // The service sees http; its public address (Server:BaseUrl) is https.
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password });
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync("/studio/login");
        var antiforgery = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/studio/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value), ["user"] = User, ["password"] = Password,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);

        var response = await client.SendAsync(request);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("opiskeluhuolto-admin=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StudioFiles_HaveWasmMimeAndImmutableCaching()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();

        var script = await client.GetAsync("/studio/_framework/blazor.webassembly.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        var wasmName = Directory.GetFiles(Path.Combine(FindHost(), "Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm", "_framework"), "*.wasm").Select(Path.GetFileName).First();
        var wasm = await client.GetAsync($"/studio/_framework/{wasmName}");
        Assert.Equal("application/wasm", wasm.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", wasm.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    private static string FindHost()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Host");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("src/Host");
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();

    [GeneratedRegex(@"data-token=""([^""]+)""")]
    private static partial Regex AccessToken();
}
