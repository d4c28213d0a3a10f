using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// What the process-level tests (crash harness, several nodes) share: a workflow with mail, two timers, an event and an
/// approval, and the people around it — whoever sends each instance its event, and the chair who answers the approval
/// requests through the links in the mail.
/// </summary>
internal static partial class MailFlowHarness
{
    /// <summary>
    /// The workflow (definition id <c>harness</c>): mail "Kutsu", a delay, the event <c>Decide</c>, an approval
    /// request to the chair, mail "Päätös", another delay, mail "Valmis".
    /// </summary>
    public const string Workflow = """
        {
          "id": "harness-v1", "definitionId": "harness", "name": "Harness", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "hello", "type": "Elsa.SendEmail", "version": 1,
                "to": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"jasen@kunta.example\"]" } },
                "subject": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Kutsu ' + getWorkflowInstanceId();" } },
                "body": { "typeName": "String", "expression": { "type": "Literal", "value": "<p>Kutsu</p>" } } },
              { "id": "wait", "type": "Elsa.Delay", "version": 1, "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:01.500" } } },
              { "id": "decide", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Decide" } } },
              { "id": "approve", "type": "Opiskeluhuolto.RequestApproval", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Esitys ' + getWorkflowInstanceId();" } },
                "assignees": { "typeName": "Object", "expression": { "type": "Object", "value": "[{\"email\":\"puheenjohtaja@kunta.example\",\"language\":\"fi\"}]" } },
                "dueInWorkingDays": { "typeName": "Int32", "expression": { "type": "Literal", "value": 10 } } },
              { "id": "decided", "type": "Elsa.SendEmail", "version": 1,
                "to": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"jasen@kunta.example\"]" } },
                "subject": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Päätös ' + getWorkflowInstanceId();" } },
                "body": { "typeName": "String", "expression": { "type": "Literal", "value": "<p>Päätös</p>" } } },
              { "id": "later", "type": "Elsa.Delay", "version": 1, "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:01" } } },
              { "id": "bye", "type": "Elsa.SendEmail", "version": 1,
                "to": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"jasen@kunta.example\"]" } },
                "subject": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Valmis ' + getWorkflowInstanceId();" } },
                "body": { "typeName": "String", "expression": { "type": "Literal", "value": "<p>Valmis</p>" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "hello", "port": "In" } },
              { "source": { "activity": "hello", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "decide", "port": "In" } },
              { "source": { "activity": "decide", "port": "Done" }, "target": { "activity": "approve", "port": "In" } },
              { "source": { "activity": "approve", "port": "Approved" }, "target": { "activity": "decided", "port": "In" } },
              { "source": { "activity": "decided", "port": "Done" }, "target": { "activity": "later", "port": "In" } },
              { "source": { "activity": "later", "port": "Done" }, "target": { "activity": "bye", "port": "In" } }
            ]
          }
        }
        """;

    /// <summary>The activities each instance completes exactly once.</summary>
    public static readonly string[] Activities = ["hello", "wait", "decide", "approve", "decided", "later", "bye"];

    /// <summary>Every subject the instances' mails should carry (the request and its result as <see cref="Matter"/> reads them).</summary>
    public static List<string> ExpectedSubjects(IEnumerable<string> instanceIds) =>
        instanceIds.SelectMany(id => new[] { "Kutsu " + id, "Hyväksyntäpyyntö: Esitys " + id, "Ratkaistu: Esitys " + id, "Päätös " + id, "Valmis " + id }).Order().ToList();

    /// <summary>A subject without its date: "Hyväksyntäpyyntö: vastaa viimeistään ti 20.10.2026 – Esitys x" reads "Hyväksyntäpyyntö: Esitys x".</summary>
    public static string Matter(string? subject) => subject is null ? "" : DatedSubject().Replace(subject, "$1: $2");

    /// <summary>Every distinct subject of <paramref name="sink"/>'s mail, read by <see cref="Matter"/>, in order.</summary>
    public static IEnumerable<string> Subjects(SmtpSink sink)
    {
        lock (sink.Messages) return [.. sink.Messages.Select(m => Matter(m.Subject)).Distinct().Order()];
    }

    /// <summary>
    /// Sends each instance its decision event, spread over <paramref name="nodes"/>, as soon as its first mail shows it
    /// has started — before it waits for the event (a late signal the engine keeps until the instance asks). An event
    /// counts as sent once the service answered.
    /// </summary>
    public static async Task DecideAsync(IReadOnlyList<HostProcess> nodes, SmtpSink sink, HashSet<string> decided)
    {
        List<string> started;
        lock (sink.Messages) started = sink.Messages.Select(m => m.Subject!).Where(s => s.StartsWith("Kutsu ", StringComparison.Ordinal)).Select(s => s["Kutsu ".Length..]).ToList();
        var turn = 0;
        foreach (var id in started.Where(id => !decided.Contains(id)))
        {
            var response = await nodes[turn++ % nodes.Count].Client.PostAsync("/elsa/api/events/Decide/trigger", TestApp.Json(new JsonObject { ["workflowInstanceId"] = id }));
            if (response.IsSuccessStatusCode) decided.Add(id);
        }
    }

    /// <summary>
    /// The chair answers the approval requests of the instances <paramref name="shouldAnswer"/> picks, opening each link
    /// on <paramref name="node"/> (whichever node signed it): the confirm page (GET), then the decision (POST).
    /// </summary>
    public static async Task ApproveThroughLinksAsync(HostProcess node, SmtpSink sink, Func<string, bool> shouldAnswer)
    {
        List<MimeKit.MimeMessage> requests;
        lock (sink.Messages) requests = sink.Messages.Where(m => Matter(m.Subject).StartsWith("Hyväksyntäpyyntö: Esitys ", StringComparison.Ordinal)).ToList();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var request in requests.Where(m => shouldAnswer(Matter(m.Subject)["Hyväksyntäpyyntö: Esitys ".Length..])))
        {
            var link = new Uri(WebUtility.HtmlDecode(ApproveLink().Match(request.HtmlBody!).Groups[1].Value)).PathAndQuery;
            var fields = await ApprovalFlowTests.HiddenFieldsAsync(browser, link);
            fields["decision"] = "Approved";
            var response = await browser.PostAsync("/approvals/decide", new FormUrlEncodedContent(fields));
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"deciding through a link answered {(int)response.StatusCode}");
        }
    }

    /// <summary>The service settings both tests start the Host with (a real SMTP server, quiet logs, no link rate limit).</summary>
    public static Dictionary<string, string> Settings(SmtpSink sink) => new()
    {
        ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp__Security"] = "None",
        ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["RateLimits__LinksPerMinute"] = "1000000",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"<a href=""([^""]+/approvals/decide\?t=[^""]+)""[^>]*>Hyväksy</a>")]
    private static partial System.Text.RegularExpressions.Regex ApproveLink();

    [System.Text.RegularExpressions.GeneratedRegex(@"^([^:]+): .+ – (.+)$")]
    private static partial System.Text.RegularExpressions.Regex DatedSubject();
}
