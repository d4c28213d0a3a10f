using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>Replies to a meeting invitation: GET only confirms, POST records, a decline invites the deputy, the link dies when the meeting starts.</summary>
public sealed partial class MeetingResponseTests
{
    [Fact]
    public async Task Reply_GetConfirms_PostRecords_DeclineInvitesDeputy_LinkDiesAtStart()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        var start = app.Time.GetUtcNow().AddDays(10);
        await app.ImportAsync(TestWorkflows.Meeting(start));
        using var admin = app.Admin();
        var instanceId = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/meet/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunBackgroundAsync();
        using var browser = app.CreateClient();

        var swedish = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example");
        Assert.StartsWith("Kallelse: Samarbetsgruppens möte", swedish.Subject, StringComparison.Ordinal);
        var decline = Link(swedish, "Jag kan inte delta");
        var page = await browser.GetAsync(decline);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Svara på kallelsen", html, StringComparison.Ordinal);
        Assert.Contains("din ersättare", html, StringComparison.Ordinal);
        Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example"); // the GET changed nothing
        Assert.DoesNotContain(sink.Messages, m => m.To.Mailboxes.Single().Address == "ersattare@kommun.example");

        var fields = await ApprovalFlowTests.HiddenFieldsAsync(browser, decline);
        fields["response"] = "NotAttending";
        var posted = await browser.PostAsync("/meetings/respond", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Din ersättare har fått kallelsen.", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await app.RunBackgroundAsync();
        var deputy = Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "ersattare@kommun.example");
        Assert.Contains(deputy.Attachments, a => a.ContentType.MimeType == "text/calendar");

        // The member changes her mind; the reply is updated, the deputy is not invited twice.
        fields = await ApprovalFlowTests.HiddenFieldsAsync(browser, Link(swedish, "Jag deltar"));
        fields["response"] = "Attending";
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/meetings/respond", new FormUrlEncodedContent(fields))).StatusCode);
        await app.RunBackgroundAsync();
        Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "ersattare@kommun.example");
        var state = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).Content.ReadAsStringAsync();
        Assert.Contains("\"ledamot@kommun.example\":\"Attending\"", state.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(decline[..^6] + "AAAAAA")).StatusCode);
        app.Time.SetUtcNow(start.AddMinutes(1));
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(decline)).StatusCode);
    }

    private static string Link(MimeKit.MimeMessage message, string text) =>
        new Uri(WebUtility.HtmlDecode(Links().Matches(message.HtmlBody!).First(m => WebUtility.HtmlDecode(m.Groups[2].Value) == text).Groups[1].Value)).PathAndQuery;

    [GeneratedRegex(@"<a href=""(https://opiskeluhuolto\.test/meetings/respond\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial Regex Links();
}
