using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>A newcomer's first page and the accessibility statement, in the browser's language and by choice, checked with axe-core.</summary>
public sealed class PublicBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync(new TestApp(settings: new Dictionary<string, string>
    {
        ["Accessibility:Organisation"] = "Keski-Suomen hyvinvointialue", ["Accessibility:OrganisationSv"] = "Mellersta Finlands välfärdsområde",
    }));

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Newcomer_FindsTheEntrances_AndTheAccessibilityStatement_InTheirLanguage()
    {
        var page = await _session.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "de,sv;q=0.9" },
        });

        await page.GotoAsync(_session.BaseAddress + "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Planering av elevhälsan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Koordinatorns arbetsyta" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsutlåtande" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Mellersta Finlands välfärdsområde strävar")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Suomeksi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saavutettavuusseloste", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync(_session.BaseAddress + "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opiskeluhuollon suunnittelu", Level = 1 })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Pyydä linkki tehtäviisi" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Sähköpostiosoite")).ToBeVisibleAsync();
    }
}
