using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Opiskeluhuolto.Host.Tests;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>The real Elsa Studio in a real browser (Debian's Chromium) against the real Host on a real port.</summary>
public sealed class StudioBrowserTests : IAsyncLifetime
{
    private const string User = "koordinaattori";
    private readonly string _password = Guid.NewGuid().ToString("n");
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = User, ["Auth:AdminPassword"] = _password });
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "localhost", StringComparison.Ordinal);
        await _app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = _baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.GotoAsync("/studio/definitions");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/login"));
        await page.GetByLabel("Käyttäjätunnus").FillAsync(User);
        await page.GetByLabel("Salasana").FillAsync(_password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu sisään" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = _baseUrl });
        await page.GotoAsync("/studio/login");
        await page.GetByLabel("Käyttäjätunnus").FillAsync(User);
        await page.GetByLabel("Salasana").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu sisään" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("väärin");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/login"));
    }

    [Fact]
    public async Task LoginPage_MeetsWcag21AA()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = _baseUrl });
        await page.GotoAsync("/studio/login?lang=sv");

        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help}"));
    }

    [Fact]
    public async Task Studio_ListThenEditor_ShowsImportedWorkflowOnCanvas()
    {
        var page = await SignedInPageAsync();

        var row = page.GetByText("Plan Approval");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await row.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/definitions/plan-approval/edit"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("WaitForApproval").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("SetDecisionRejected").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/studio/definitions(\?.*)?$"));
    }
}
