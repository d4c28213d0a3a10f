using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>
/// The coordinator's main paths in a real browser: sign in, import the region file, start a cycle after the preview,
/// follow it on the dashboard, remind now and move a deadline — each page checked with axe-core.
/// </summary>
public sealed class CoordinatorBrowserTests : IAsyncLifetime
{
    private const string User = "koordinaattori", Password = "kierros-salasana-2026";
    private readonly SmtpSink _sink = new();
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Auth:Coordinators:0:User"] = User, ["Auth:Coordinators:0:Password"] = Password, ["Auth:Coordinators:0:Name"] = "Eeva Salminen",
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("Käyttäjätunnus").FillAsync(User);
        await page.GetByLabel("Salasana").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu" }).ClickAsync();
    }

    [Fact]
    public async Task Coordinator_ImportsStartsWithPreview_FollowsDashboard_RemindsAndMovesDeadline()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "fi-FI" });
        var failures = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 500) failures.Add($"{r.Status} {r.Url}"); };

        await page.GotoAsync(_base + "/coordinator");
        await SignInAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suunnittelukierrokset", Level = 1 })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // Import the region file.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Tuo henkilötiedot" }).ClickAsync();
        await page.GetByLabel("Tiedosto (JSON tai CSV)").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tuo" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tiedosto tuotu" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("riviä tarkistettu, ei virheitä"); // how far it got, as it went
        await Chromium.AssertAccessibleAsync(page);

        // Start with a preview of every mail and deadline.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Aloita kierros" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Jäsenten ja varajäsenten nimeäminen: Alkaa")).ToHaveValueAsync("2027-02-15");
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Esikatsele" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Esikatselu: viestit ja määräajat" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#calendar-warnings")).ToContainTextAsync("heinäkuussa"); // the tour's invitations go out in July
        Assert.Empty(_sink.Messages);
        await Chromium.AssertAccessibleAsync(page);

        // A planned mail opens rendered, in Swedish, before anything is sent.
        var swedish = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Näytä viesti Jäsenten ja varajäsenten nimeäminen kielellä sv" }).First.ClickAsync());
        await Assertions.Expect(swedish.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Esikatselu");
        var mail = swedish.FrameLocator("iframe.mail-preview");
        await Assertions.Expect(mail.Locator("body")).ToContainTextAsync("Mellersta Finlands");
        await Assertions.Expect(mail.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        // (axe-core is not run here: it waits for ever on the mail's sandboxed frame, which runs no script.)
        await swedish.CloseAsync();
        Assert.Empty(_sink.Messages);

        await page.GetByRole(AriaRole.Button, new() { Name = "Aloita kierros" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2023–2025", Level = 1 })).ToBeVisibleAsync();
        var dashboard = page.Url;

        // The first phase opens; the coordinator's session has ended meanwhile.
        _app.Time.SetUtcNow(new DateTimeOffset(2027, 2, 15, 8, 0, 0, TimeSpan.Zero));
        await _app.RunBackgroundAsync();
        await page.GotoAsync(dashboard);
        await SignInAsync(page);
        await Assertions.Expect(page.GetByText("Ei vastannut")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        // The timeline: a bar per phase, today's line, the first phase under way; its title and description name it.
        var timeline = page.GetByRole(AriaRole.Img, new() { Name = "Kierroksen aikajana" });
        await Assertions.Expect(timeline).ToBeVisibleAsync();
        await Assertions.Expect(timeline.Locator("rect.bar")).ToHaveCountAsync(12);
        await Assertions.Expect(timeline.Locator("rect.bar.active")).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Locator("line.today")).ToHaveCountAsync(1);
        await page.Locator("figure.timeline-chart").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "coordinator-timeline.png") });
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Vaiheet päivämäärineen" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(13);

        await page.GetByRole(AriaRole.Button, new() { Name = "Muistuta nyt (1)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Muistutus lähetetään");
        await _app.RunBackgroundAsync();
        Assert.Single(_sink.Messages, m => m.IsAbout("Muistutus:", "Nimeä"));

        await page.GetByLabel("Uusi määräaika").FillAsync("2027-04-09");
        await page.GetByRole(AriaRole.Button, new() { Name = "Siirrä määräaikaa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Määräaika on siirretty");
        await Assertions.Expect(page.GetByText("9.4.2027 klo 16.00")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "coordinator-dashboard.png"), FullPage = true });

        // The people page: the imported people by organisation, searchable; Eeva's open request is on her row.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Henkilöt", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Henkilöt", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Hae nimellä, osoitteella tai organisaatiolla").FillAsync("Salminen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Näytä", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader).Filter(new() { HasText = "eeva.salminen@example.fi" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "eeva.salminen@example.fi" })).ToContainTextAsync("lähetetty 15.2.2027"); // her last mail
        await Chromium.AssertAccessibleAsync(page);
        await page.GotoAsync(dashboard);

        // The print view (no controls, no forms).
        await page.GotoAsync(dashboard + "?print=1");
        await Assertions.Expect(page.GetByText("9.4.2027 klo 16.00")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // The same page in Swedish and in English: every phase, request, meeting and the cycle itself in that language.
        var region = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json")))!;
        var finnish = region["phases"]!.AsArray().Select(p => p!["nameFi"]!.GetValue<string>())
            .Concat(region["meetings"]!.AsArray().Select(m => m!["titleFi"]!.GetValue<string>()))
            .Append(region["planCycle"]!["planTitleFi"]!.GetValue<string>()).Append("Nimeä yhteistyöryhmän jäsenet").ToList();
        foreach (var (lang, heading, phase, title) in new[]
        {
            ("sv", "Öppna begäranden", "Utnämning av medlemmar och ersättare", "Mellersta Finlands regionala elevhälsoplan 2023–2025"),
            ("en", "Open requests", "Nominate members and deputies", "Central Finland regional student welfare plan 2023–2025"),
        })
        {
            await page.GotoAsync(dashboard + "?lang=" + lang);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = phase })).ToBeVisibleAsync();
            var text = await page.Locator("main").InnerTextAsync();
            Assert.Empty(finnish.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{lang}: {f}"));
            await Chromium.AssertAccessibleAsync(page);
        }

        Assert.Empty(failures);
    }
}
