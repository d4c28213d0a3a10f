using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class ApprovalFlowTests
{
    internal const string Workflow = """
        {
          "id": "approve-v1", "definitionId": "approve-plan", "name": "Approve plan", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "ask", "type": "Opiskeluhuolto.RequestApproval", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Alueellinen opiskeluhuoltosuunnitelma 2023–2025" } },
                "description": { "typeName": "String", "expression": { "type": "Literal", "value": "Yhteistyöryhmän esitys aluevaltuustolle." } },
                "documents": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"https://pohde.example/suunnitelma.pdf\"]" } },
                "assignees": { "typeName": "Object", "expression": { "type": "Object", "value": "[{\"email\":\"puheenjohtaja@pohde.example\",\"name\":\"Pia Puheenjohtaja\",\"language\":\"fi\"},{\"email\":\"ledamot@kommun.example\",\"name\":\"Åsa Ledamot\",\"language\":\"sv\"}]" } },
                "quorum": { "typeName": "String", "expression": { "type": "Literal", "value": "All" } } },
              { "id": "ok", "type": "Elsa.SetOutput", "version": 1, "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "Outcome" } }, "outputValue": { "typeName": "Object", "expression": { "type": "Literal", "value": "Approved" } } }
            ],
            "connections": [ { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "ok", "port": "In" } } ]
          }
        }
        """;

    internal static async Task<(SmtpSink Sink, TestApp App, string InstanceId)> StartAsync(Dictionary<string, string>? settings = null)
    {
        var sink = new SmtpSink();
        var all = new Dictionary<string, string>(settings ?? [])
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        };
        var app = new TestApp(settings: all);
        await app.ImportAsync(Workflow);
        using var client = app.Admin();
        var execute = await client.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}");
        await app.RunBackgroundAsync();
        return (sink, app, execute.Headers.GetValues("x-elsa-workflow-instance-id").Single());
    }

    internal static string Link(MimeKit.MimeMessage message, string decision) =>
        NamedLinks().Matches(message.HtmlBody!).Where(m => LinkTexts(decision).Contains(WebUtility.HtmlDecode(m.Groups[2].Value))).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).First();

    private static string[] LinkTexts(string decision) => decision switch
    {
        "Approved" => ["Hyväksy", "Godkänn"],
        "Rejected" => ["Hylkää", "Avslå"],
        _ => ["Pyydä muutoksia", "Begär ändringar"],
    };

    /// <summary>GETs a page and returns its hidden form fields (antiforgery token, link token) as a browser would post them.</summary>
    internal static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient browser, string url) =>
        Hidden().Matches(await browser.GetStringAsync(url)).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string link, string decision, string comment, IReadOnlyDictionary<string, string>? record = null)
    {
        var fields = await HiddenFieldsAsync(browser, link);
        fields["decision"] = decision;
        fields["comment"] = comment;
        foreach (var (name, value) in record ?? new Dictionary<string, string>()) fields[name] = value;
        return await browser.PostAsync("/approvals/decide", new FormUrlEncodedContent(fields));
    }

    /// <summary>Answers through the link with <paramref name="linkText"/> in a mail, as the recipient's browser would (GET confirm page, POST form).</summary>
    internal static async Task AnswerAsync(HttpClient browser, MimeKit.MimeMessage message, string linkText, string decision, string comment = "", IReadOnlyDictionary<string, string>? record = null)
    {
        var link = NamedLinks().Matches(message.HtmlBody!).Where(m => WebUtility.HtmlDecode(m.Groups[2].Value) == linkText).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).First();
        var response = await PostFormAsync(browser, new Uri(link).PathAndQuery, decision, comment, record);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"<a href=""(https://opiskeluhuolto\.test/approvals/decide\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial Regex NamedLinks();

    [Fact]
    public async Task Approval_MailsInEachLanguage_GetConfirms_PostDecides_ReplayIsExplained()
    {
        var (sink, app, instanceId) = await StartAsync();
        await using var _ = sink;
        await using var __ = app;
        using var admin = app.Admin();

        Assert.Equal(2, sink.Messages.Count);
        var fi = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "puheenjohtaja@pohde.example");
        var sv = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example");
        Assert.Matches(@"^Hyväksyntäpyyntö: vastaa viimeistään (ma|ti|ke|to|pe) \d+\.\d+\.\d{4} – Alueellinen opiskeluhuoltosuunnitelma 2023–2025$", fi.Subject);
        Assert.Matches(@"^Begäran om godkännande: svara senast (mån|tis|ons|tors|fre) \d+\.\d+\.\d{4} – Alueellinen opiskeluhuoltosuunnitelma 2023–2025$", sv.Subject);
        Assert.All(Links().Matches(fi.HtmlBody!).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)), link => Assert.Contains(link, fi.TextBody, StringComparison.Ordinal));
        var svApprove = new Uri(Link(sv, "Approved")).PathAndQuery;

        using var browser = app.CreateClient();
        var confirm = await browser.GetAsync(svApprove);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"sv\">", html, StringComparison.Ordinal);
        Assert.Contains("Godkänn", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal); // the Swedish buttons, however the page encodes them
        Assert.Contains("https://pohde.example/suunnitelma.pdf", html, StringComparison.Ordinal);
        var journal = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}/journal")).JsonAsync();
        Assert.DoesNotContain(journal["items"]!.AsArray(), r => r!["eventName"]!.GetValue<string>() == "ApprovalDecided");

        var decided = await PostFormAsync(browser, svApprove, "Approved", "Ser bra ut.");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var thanks = WebUtility.HtmlDecode(await decided.Content.ReadAsStringAsync());
        Assert.Matches("Registrerat beslut.*Godkänt", thanks.Replace("\n", " ", StringComparison.Ordinal)); // the outcome as a participle, not the button's imperative
        Assert.DoesNotContain("Godkänn<", thanks, StringComparison.Ordinal);
        journal = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}/journal")).JsonAsync();
        var entry = Assert.Single(journal["items"]!.AsArray(), r => r!["eventName"]!.GetValue<string>() == "ApprovalDecided")!;
        Assert.Equal("Ser bra ut.", entry["payload"]!["Comment"]!.GetValue<string>());
        Assert.Equal("ledamot@kommun.example", entry["payload"]!["By"]!.GetValue<string>());

        var replay = await browser.GetAsync(svApprove);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("Redan besvarad", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(browser, new Uri(Link(fi, "Approved")).PathAndQuery, "Approved", "")).StatusCode);
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        Assert.Equal("Approved", instance["workflowState"]!["output"]!["Outcome"]!.GetValue<string>());

        var audit = await admin.GetAsync($"/api/workflow-instances/{instanceId}/audit.csv");
        Assert.Equal("text/csv", audit.Content.Headers.ContentType!.MediaType);
        var csv = await audit.Content.ReadAsStringAsync();
        Assert.Contains("\"ApprovalRequested\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"LinkOpened\";\"ledamot@kommun.example\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"ApprovalDecided\";\"ledamot@kommun.example\";\"Approved\";\"Ser bra ut.\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"DecisionSubmitted\"", csv, StringComparison.Ordinal);

        var rows = (await (await admin.GetAsync($"/api/workflow-instances/{instanceId}/audit")).JsonAsync())["items"]!.AsArray();
        var decision = Assert.Single(rows, r => r!["event"]!.GetValue<string>() == "ApprovalDecided" && r!["actor"]!.GetValue<string>() == "ledamot@kommun.example")!;
        Assert.Equal("Ser bra ut.", decision["comment"]!.GetValue<string>());
        Assert.Contains(rows, r => r!["event"]!.GetValue<string>() == "LinkOpened");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/workflow-instances/ei-ole/audit")).StatusCode);
    }

    [Fact]
    public async Task AuditCsv_FormulaInComment_IsDefused()
    {
        var (sink, app, instanceId) = await StartAsync();
        await using var _ = sink;
        await using var __ = app;
        using var browser = app.CreateClient();

        await PostFormAsync(browser, new Uri(Link(sink.Messages[0], "Rejected")).PathAndQuery, "Rejected", "=HYPERLINK(\"http://evil\")");

        using var admin = app.Admin();
        var csv = await admin.GetStringAsync($"/api/workflow-instances/{instanceId}/audit.csv");
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_TamperedAndExpiredLinks_ShowExplanationNot500()
    {
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        var link = new Uri(Link(sink.Messages[0], "Rejected")).PathAndQuery;
        using var browser = app.CreateClient();

        var tampered = await browser.GetAsync(link[..^8] + "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Gone, tampered.StatusCode);
        Assert.Contains("href=\"inbox?lang=fi\"", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromDays(40));
        var expired = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Fact]
    public async Task Approval_LinkLifetimeIsConfigurable()
    {
        var (sink, app, _) = await StartAsync(new() { ["Approvals:LinkLifetime"] = "2.00:00:00" });
        await using var __ = sink;
        await using var ___ = app;
        var link = new Uri(Link(sink.Messages[0], "Approved")).PathAndQuery;
        using var browser = app.CreateClient();
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        app.Time.Advance(TimeSpan.FromDays(1.5));
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task CycleControls_ReachOnlyCycles_NotOtherWorkflowsRequests()
    {
        var (sink, app, instanceId) = await StartAsync();
        await using var _ = sink;
        await using var __ = app;
        using var admin = app.Admin();
        var state = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        var requestId = state["workflowState"]!["activityExecutionContexts"]!.AsArray().Single(c => c!["properties"]?["Approval"] is not null)!["id"]!.GetValue<string>();

        var added = await admin.PostJsonAsync($"/api/cycles/{instanceId}/requests/{requestId}/participants", new JsonObject { ["email"] = "koordinaattori@hyvaks.example" });
        var reminded = await admin.PostEmptyAsync($"/api/cycles/{instanceId}/requests/{requestId}/remind");

        Assert.Equal(HttpStatusCode.NotFound, added.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reminded.StatusCode);
        await app.RunBackgroundAsync();
        Assert.DoesNotContain(sink.Messages, m => m.To.Mailboxes.Single().Address == "koordinaattori@hyvaks.example");
    }

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/decide\?t=[^""]+)""")]
    private static partial Regex Links();

    [GeneratedRegex(@"<input type=""hidden"" name=""([^""]+)"" value=""([^""]*)""")]
    internal static partial Regex Hidden();
}
