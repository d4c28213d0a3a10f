using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>A participant on a phone: the decision link from a real mail, the confirm page, the decision, the replay.</summary>
public sealed partial class ParticipantBrowserTests : IAsyncLifetime
{
    private const string Workflow = """
        {
          "id": "approve-v1", "definitionId": "approve-plan", "name": "Approve plan", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "ask", "type": "Opiskeluhuolto.RequestApproval", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Alueellinen opiskeluhuoltosuunnitelma 2023–2025" } },
                "assignees": { "typeName": "Object", "expression": { "type": "Object", "value": "[{\"email\":\"puheenjohtaja@pohde.example\",\"language\":\"fi\"},{\"email\":\"ledamot@kommun.example\",\"language\":\"sv\"}]" } },
                "quorum": { "typeName": "String", "expression": { "type": "Literal", "value": "Any" } } },
              { "id": "ok", "type": "Elsa.SetOutput", "version": 1, "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "Outcome" } }, "outputValue": { "typeName": "Object", "expression": { "type": "Literal", "value": "Approved" } } }
            ],
            "connections": [ { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "ok", "port": "In" } } ]
          }
        }
        """;

    private readonly SmtpSink _sink = new();
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _instanceId = "";

    public async Task InitializeAsync()
    {
        _app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        await _app.ImportAsync(Workflow);
        using var admin = _app.Admin();
        _instanceId = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await _app.RunBackgroundAsync();
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

    private string LocalLink(string recipient, string text)
    {
        var html = _sink.Messages.Single(m => m.To.Mailboxes.Single().Address == recipient).HtmlBody!;
        var link = LinkPattern().Matches(html).First(m => m.Groups[2].Value == text).Groups[1].Value;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return System.Net.WebUtility.HtmlDecode(link).Replace("https://opiskeluhuolto.test", address, StringComparison.Ordinal);
    }

    private async Task<IPage> PhoneAsync() => await _browser.NewPageAsync(new BrowserNewPageOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "fi-FI",
    });

    private async Task<string> OutcomeAsync()
    {
        using var admin = _app.Admin();
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{_instanceId}")).JsonAsync();
        return instance["subStatus"]!.GetValue<string>();
    }

    [Fact]
    public async Task Participant_SwedishLinkOnPhone_ConfirmsThenApprovesAndReplayIsExplained()
    {
        var page = await PhoneAsync();
        var link = LocalLink("ledamot@kommun.example", "Godkänn");

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ditt beslut begärs" })).ToBeVisibleAsync();
        Assert.Equal("Suspended", await OutcomeAsync());
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByLabel("Kommentar (frivillig)").FillAsync("Ser bra ut.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Godkänn" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tack, ditt beslut har registrerats" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        Assert.Equal("Finished", await OutcomeAsync());

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redan besvarad" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Participant_FinnishPage_TamperedAndExpiredLinksAreExplained()
    {
        var page = await PhoneAsync();
        var link = LocalLink("puheenjohtaja@pohde.example", "Hylkää");

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Päätöksesi pyydetään" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button).First).ToHaveTextAsync("Hylkää");
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync(link[..^8] + "AAAAAAAA");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linkki ei ole kelvollinen" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        _app.Time.Advance(TimeSpan.FromDays(40));
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linkki on vanhentunut" })).ToBeVisibleAsync();
        Assert.Equal("Suspended", await OutcomeAsync());
    }

    [Fact]
    public async Task Participant_FinnishInboxOnPhone_ListsTheTask_DecidesFromThere_AndAsksForAFreshLink()
    {
        var page = await PhoneAsync();
        var html = _sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "puheenjohtaja@pohde.example").HtmlBody!;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var inbox = System.Net.WebUtility.HtmlDecode(InboxPattern().Match(html).Groups[1].Value).Replace("https://opiskeluhuolto.test", address, StringComparison.Ordinal);

        await page.GotoAsync(inbox);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tehtäväsi", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alueellinen opiskeluhuoltosuunnitelma 2023–2025" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("10 työpäivää jäljellä")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        Assert.Equal("Suspended", await OutcomeAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Avaa ja päätä" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Päätöksesi pyydetään" })).ToBeVisibleAsync();
        await page.GetByLabel("Kommentti (vapaaehtoinen)").FillAsync("Hyvä esitys.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hyväksy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kiitos, päätöksesi on kirjattu" })).ToBeVisibleAsync();
        Assert.Equal("Finished", await OutcomeAsync());

        await page.GotoAsync(inbox);
        await Assertions.Expect(page.GetByText("Sinulla ei ole avoimia tehtäviä.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Viimeaikaiset päätöksesi" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync(address + "/approvals/inbox?lang=sv");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Be om en länk till dina uppgifter" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("E-postadress").FillAsync("ledamot@kommun.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka länken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kontrollera din e-post" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/inbox\?t=[^""]+)""")]
    private static partial Regex InboxPattern();

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/decide\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial Regex LinkPattern();
}
