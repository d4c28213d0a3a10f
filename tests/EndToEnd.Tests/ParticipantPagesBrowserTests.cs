using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>
/// The statement page, the task page and the meeting reply, opened from their real mails on a phone in Finnish and
/// Swedish: each page in the link's language, checked with axe-core, before and after the answer.
/// </summary>
public sealed partial class ParticipantPagesBrowserTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private BrowserSession _session = null!;

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

    /// <summary>The chair records a meeting's minutes: attendance of three seats (with deputies), the decision, dissent.</summary>
    private static string Minutes(string chair) => new JsonObject
    {
        ["id"] = "minutes-v1", ["definitionId"] = "minutes", ["name"] = "minutes", ["version"] = 1, ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "ask", ["type"] = "Opiskeluhuolto.RequestApproval", ["version"] = 1,
                ["kind"] = Flow.Literal("String", "Task"),
                ["record"] = Flow.Literal("String", "Minutes"),
                ["title"] = Flow.Literal("String", "Vahvista yhteistyöryhmän kokouksen pöytäkirja"),
                ["titleSv"] = Flow.Literal("String", "Bekräfta protokollet från samarbetsgruppens möte"),
                ["assignees"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = $"[{{\"email\":\"{chair}\",\"language\":\"sv\",\"name\":\"Anna Berg\"}}]" } },
                ["attendees"] = new JsonObject
                {
                    ["typeName"] = "Object", ["expression"] = new JsonObject
                    {
                        ["type"] = "Object", ["value"] =
                    $"[{{\"email\":\"{chair}\",\"name\":\"Anna Berg\",\"deputy\":{{\"email\":\"v1@kommun.example\",\"name\":\"Karl Ek\"}}}},{{\"email\":\"j2@kommun.example\",\"name\":\"Lisa Holm\"}},{{\"email\":\"j3@kommun.example\",\"name\":\"Mats Lind\",\"deputy\":{{\"email\":\"v3@kommun.example\",\"name\":\"Eva Sund\"}}}}]"
                    }
                },
                ["chair"] = Flow.Literal("String", chair),
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.StartAsync(new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        }));
        var app = _session.App;
        await app.ImportAsync(Request("statement", "Statement", "sivistysjohtaja@kunta.example", "fi"));
        await app.ImportAsync(Request("task", "Task", "rektor@skola.example", "sv"));
        await app.ImportAsync(TestWorkflows.Meeting(app.Time.GetUtcNow().AddDays(10)));
        await app.ImportAsync(Minutes("ordforande@kommun.example"));
        using var admin = app.Admin();
        foreach (var id in new[] { "statement", "task", "meet", "minutes" }) await admin.PostJsonAsync($"/elsa/api/workflow-definitions/{id}/execute", "{}");
        await app.RunBackgroundAsync();
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private string LocalLink(string recipient, string text)
    {
        var html = _sink.Messages.First(m => m.To.Mailboxes.Single().Address == recipient).HtmlBody!;
        var link = Links().Matches(html).First(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value) == text).Groups[1].Value;
        return System.Net.WebUtility.HtmlDecode(link).Replace("https://opiskeluhuolto.test", _session.BaseAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementTaskAndMeetingPages_AreInTheLinksLanguage_AndAccessible()
    {
        // A statement in Finnish: the text box for the statement, then the recorded answer.
        var page = await _session.PhoneAsync("fi-FI");
        await page.GotoAsync(LocalLink("sivistysjohtaja@kunta.example", "Anna lausunto"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lausuntoasi pyydetään" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Lausunto tai linkki lausuntoon").FillAsync("Kannatamme luonnosta.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anna lausunto" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Lausunto annettu")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // A task in Swedish.
        page = await _session.PhoneAsync("sv-FI");
        await page.GotoAsync(LocalLink("rektor@skola.example", "Markera som klar"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uppgift" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Utkast till den regionala elevhälsoplanen")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Markera som klar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Klar", new() { Exact = true })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // A meeting reply in Swedish.
        page = await _session.PhoneAsync("sv-FI");
        await page.GotoAsync(LocalLink("ledamot@kommun.example", "Jag kan inte delta"));
        await Assertions.Expect(page.GetByText("Samarbetsgruppens möte").First).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Jag kan inte delta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task MinutesPage_RecordsAttendancePerSeat_ExplainsAMistake_AndIsAccessible()
    {
        var page = await _session.PhoneAsync("sv-FI");
        await page.GotoAsync(LocalLink("ordforande@kommun.example", "Markera som klar"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bekräfta mötets protokoll" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // A date in the future is explained on the form, with what was chosen kept.
        var today = DateOnly.FromDateTime(_session.App.Time.GetUtcNow().UtcDateTime);
        await page.GetByLabel("Mötesdag").FillAsync(today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Group, new() { Name = "Anna Berg" }).GetByLabel("Medlemmen närvarande").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Lisa Holm" }).GetByLabel("Frånvarande").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Mats Lind" }).GetByLabel("Ersättaren Eva Sund närvarande").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gruppen godkände förslaget" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("dagen kan inte vara i framtiden");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Mats Lind" }).GetByLabel("Ersättaren Eva Sund närvarande")).ToBeCheckedAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByLabel("Mötesdag").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Avvikande åsikter (frivilligt)").FillAsync("Lisa Holm anmälde avvikande åsikt om resurserna.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gruppen godkände förslaget" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Gruppen godkände förslaget")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [GeneratedRegex(@"<a href=""(https://opiskeluhuolto\.test/(?:approvals/decide|meetings/respond)\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial Regex Links();
}
