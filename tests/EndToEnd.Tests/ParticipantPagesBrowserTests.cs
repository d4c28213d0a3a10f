using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>
/// The statement page, the task page and the meeting reply, opened from their real mails on a phone in Finnish and
/// Swedish: each page in the link's language, checked with axe-core, before and after the answer.
/// </summary>
public sealed partial class ParticipantPagesBrowserTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _base = "";

    private static string Request(string id, string kind, string email, string language) => new JsonObject
    {
        ["id"] = id + "-v1", ["definitionId"] = id, ["name"] = id, ["version"] = 1, ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "ask", ["type"] = "Opiskeluhuolto.RequestApproval", ["version"] = 1,
                ["kind"] = Flow.Literal("String", kind),
                ["title"] = Flow.Literal("String", "Alueellisen opiskeluhuoltosuunnitelman luonnos"),
                ["titleSv"] = Flow.Literal("String", "Utkast till den regionala elevhälsoplanen"),
                ["documents"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"https://hyvaks.example.fi/luonnos.pdf\"]" } },
                ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = $"[{{\"email\":\"{email}\",\"language\":\"{language}\",\"name\":\"Aino Virtanen\"}}]" } },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    private static string Meeting(DateTimeOffset startsAt) => new JsonObject
    {
        ["id"] = "meet-v1", ["definitionId"] = "meet", ["name"] = "Meet", ["version"] = 1, ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "invite", ["type"] = "Opiskeluhuolto.InviteToMeetings", ["version"] = 1,
                ["meetings"] = new JsonObject
                {
                    ["typeName"] = "Object",
                    ["expression"] = new JsonObject
                    {
                        ["type"] = "Object",
                        ["value"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "mtg-1", ["title"] = new JsonObject { ["fi"] = "Yhteistyöryhmän kokous", ["sv"] = "Samarbetsgruppens möte" },
                            ["startsAt"] = startsAt.ToString("O"), ["endsAt"] = startsAt.AddHours(2).ToString("O"), ["location"] = "Jyväskylä",
                            ["invitees"] = new JsonArray(new JsonObject { ["email"] = "ledamot@kommun.example", ["name"] = "Åsa Ledamot", ["language"] = "sv", ["deputy"] = new JsonObject { ["email"] = "ersattare@kommun.example", ["language"] = "sv" } }),
                        }).ToJsonString(),
                    },
                },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    public async Task InitializeAsync()
    {
        _app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await _app.ImportAsync(Request("statement", "Statement", "sivistysjohtaja@kunta.example", "fi"));
        await _app.ImportAsync(Request("task", "Task", "rektor@skola.example", "sv"));
        await _app.ImportAsync(Meeting(_app.Time.GetUtcNow().AddDays(10)));
        using var admin = _app.Admin();
        foreach (var id in new[] { "statement", "task", "meet" }) await admin.PostJsonAsync($"/elsa/api/workflow-definitions/{id}/execute", "{}");
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
        var html = _sink.Messages.First(m => m.To.Mailboxes.Single().Address == recipient).HtmlBody!;
        var link = Links().Matches(html).First(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value) == text).Groups[1].Value;
        return System.Net.WebUtility.HtmlDecode(link).Replace("https://opiskeluhuolto.test", _base, StringComparison.Ordinal);
    }

    private async Task<IPage> PhoneAsync(string locale) => await _browser.NewPageAsync(new BrowserNewPageOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = locale,
    });

    [Fact]
    public async Task StatementTaskAndMeetingPages_AreInTheLinksLanguage_AndAccessible()
    {
        // A statement in Finnish: the text box for the statement, then the recorded answer.
        var page = await PhoneAsync("fi-FI");
        await page.GotoAsync(LocalLink("sivistysjohtaja@kunta.example", "Anna lausunto"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lausuntoasi pyydetään" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Lausunto tai linkki lausuntoon").FillAsync("Kannatamme luonnosta.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anna lausunto" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Lausunto annettu")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // A task in Swedish.
        page = await PhoneAsync("sv-FI");
        await page.GotoAsync(LocalLink("rektor@skola.example", "Markera som klar"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uppgift" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Utkast till den regionala elevhälsoplanen")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Markera som klar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Klar", new() { Exact = true })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // A meeting reply in Swedish.
        page = await PhoneAsync("sv-FI");
        await page.GotoAsync(LocalLink("ledamot@kommun.example", "Jag kan inte delta"));
        await Assertions.Expect(page.GetByText("Samarbetsgruppens möte").First).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Jag kan inte delta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [GeneratedRegex(@"<a href=""(https://opiskeluhuolto\.test/(?:approvals/decide|meetings/respond)\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial Regex Links();
}
