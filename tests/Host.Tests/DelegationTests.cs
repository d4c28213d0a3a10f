using System.Net;
using System.Text.RegularExpressions;
using static Opiskeluhuolto.Host.Tests.ApprovalFlowTests;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class DelegationTests
{
    private const string Workflow = """
        {
          "id": "delegate-v1", "definitionId": "delegate-plan", "name": "Delegate plan", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "ask", "type": "Opiskeluhuolto.RequestApproval", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Lausunto suunnitelmaluonnoksesta" } },
                "assignees": { "typeName": "Object", "expression": { "type": "Object", "value": "[{\"email\":\"jasen@kunta.example\",\"name\":\"Jaana Jäsen\",\"language\":\"fi\",\"deputy\":{\"email\":\"ersattare@kommun.example\",\"name\":\"Erik Ersättare\",\"language\":\"sv\"}}]" } } },
              { "id": "ok", "type": "Elsa.SetOutput", "version": 1, "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "Outcome" } }, "outputValue": { "typeName": "Object", "expression": { "type": "Literal", "value": "Approved" } } }
            ],
            "connections": [ { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "ok", "port": "In" } } ]
          }
        }
        """;

    [Fact]
    public async Task Member_DelegatesToDeputy_DeputyIsMailedInSwedishAndDecides()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        await app.ImportAsync(Workflow);
        using var admin = app.Admin();
        var instanceId = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/delegate-plan/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunBackgroundAsync();
        var memberLink = new Uri(Link(Assert.Single(sink.Messages), "Approved")).PathAndQuery;
        using var browser = app.CreateClient();

        var confirm = WebUtility.HtmlDecode(await browser.GetStringAsync(memberLink));
        Assert.Contains("Siirrä varajäsenelle: Erik Ersättare", confirm, StringComparison.Ordinal);

        var delegated = await PostFormAsync(browser, memberLink, "Delegate", "");
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Contains("Varajäsenellesi on lähetetty pyyntö", WebUtility.HtmlDecode(await delegated.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await app.RunBackgroundAsync();
        var deputyMail = Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "ersattare@kommun.example");
        Assert.StartsWith("Begäran om godkännande", deputyMail.Subject, StringComparison.Ordinal);

        Assert.DoesNotContain("Siirrä varajäsenelle", WebUtility.HtmlDecode(await browser.GetStringAsync(memberLink)), StringComparison.Ordinal);
        var again = await PostFormAsync(browser, memberLink, "Delegate", "");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await app.RunBackgroundAsync();
        Assert.Equal(2, sink.Messages.Count);

        var deputyInbox = new Uri(WebUtility.HtmlDecode(InboxHref().Match(deputyMail.HtmlBody!).Groups[1].Value)).PathAndQuery;
        Assert.Contains("Ditt beslut begärs som ersättare.", WebUtility.HtmlDecode(await browser.GetStringAsync(deputyInbox)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(browser, new Uri(Link(deputyMail, "Approved")).PathAndQuery, "Approved", "Godkänt för kommunens del.")).StatusCode);
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Approved", instance["workflowState"]!["output"]!["Outcome"]!.GetValue<string>());
        var journal = (await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}/journal")).JsonAsync())["items"]!.AsArray();
        Assert.Single(journal, r => r!["eventName"]!.GetValue<string>() == "ApprovalDelegated");
        var decided = Assert.Single(journal, r => r!["eventName"]!.GetValue<string>() == "ApprovalDecided")!;
        Assert.True(decided["payload"]!["Deputy"]!.GetValue<bool>());
    }

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/inbox\?t=[^""]+)""")]
    private static partial Regex InboxHref();
}
