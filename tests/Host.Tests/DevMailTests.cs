using System.Net;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class DevMailTests
{
    private const string User = "koordinaattori";
    private const string Password = "test-only-password";

    private static TestApp App() => new(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = Password });

    private static async Task<HttpClient> SignInAsync(TestApp app, string password = Password)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") }); // the public address is https: the sign-in cookie is Secure
        var page = await browser.GetStringAsync("/studio/login");
        var token = Token().Match(page).Groups[1].Value;
        var response = await browser.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["user"] = User, ["password"] = password, ["returnUrl"] = "/studio/definitions",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Fact]
    public async Task DevMail_AfterWorkflowSendsMail_ListsAndRendersItWithLinks()
    {
        await using var app = App();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using (var admin = app.Admin())
            await admin.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-42","ApproverEmail":"rehtori@koulu.example"}}""");
        await app.RunBackgroundAsync();
        using var browser = await SignInAsync(app);

        var list = await browser.GetStringAsync("/dev/mail");
        Assert.Contains("Approval requested for plan P-42", list, StringComparison.Ordinal);
        var href = MessageLink().Match(list).Groups[1].Value;
        var message = await browser.GetStringAsync(WebUtility.HtmlDecode(href));

        Assert.Contains("rehtori@koulu.example", message, StringComparison.Ordinal);
        Assert.Contains("/elsa/api/events/trigger?t=", WebUtility.HtmlDecode(message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevMail_NotSignedIn_RedirectsToLogin()
    {
        await using var app = App();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") }); // the public address is https: the sign-in cookie is Secure

        var response = await browser.GetAsync("/dev/mail");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/studio/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevMail_PathTraversal_Returns404()
    {
        await using var app = App();
        using var browser = await SignInAsync(app);

        var response = await browser.GetAsync("/dev/mail/..%2Fkeys%2Fkey.eml");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_RedirectsBackWithError()
    {
        await using var app = App();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") }); // the public address is https: the sign-in cookie is Secure
        var token = Token().Match(await browser.GetStringAsync("/studio/login")).Groups[1].Value;

        var response = await browser.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["user"] = User, ["password"] = "nope",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("failed=true", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/studio/definitions")).StatusCode);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();

    [GeneratedRegex(@"href=""(/dev/mail/[^""]+)""")]
    private static partial Regex MessageLink();
}
