using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Opiskeluhuolto.Notifications.Tests;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// The crash harness: the real Host runs as a child process on a SQLite file with a real SMTP server, hundreds of
/// instances of a workflow with mail, timers, events and an approval decided through the mailed link run through it, and the process is killed with
/// SIGKILL at random points again and again. Afterwards every instance has finished, every timer and every decision
/// happened exactly once, every mail arrived and none twice by the service's own doing (a mail the process died while
/// handing over is parked as "delivery uncertain" and sent again only by the operator's retry), and SQLite's
/// integrity check passes.
/// </summary>
public sealed partial class CrashHarnessTests : IDisposable
{
    private const int Instances = 200, Kills = 20;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-harness-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private const string Workflow = """
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

    [Fact]
    public async Task TwentyRandomKills_NothingLost_NothingTwice()
    {
        Directory.CreateDirectory(_folder);
        await using var sink = new SmtpSink();
        var random = new Random(2026_11_25);
        var started = 0;
        var kills = 0;
        var killsInFlight = 0;
        var retriedMessageIds = new HashSet<string>(StringComparer.Ordinal);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        using (var host = await StartHostAsync(sink))
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(Workflow))).StatusCode);

        while (kills < Kills)
        {
            using var host = await StartHostAsync(sink);
            var until = DateTime.UtcNow.AddMilliseconds(random.Next(300, 2500));
            try
            {
                while (DateTime.UtcNow < until)
                {
                    // Start this cycle's share of instances a few at a time and decide the ones that wait, while the
                    // process may die at any moment: every kill finds work in flight.
                    for (var i = 0; i < 3 && started < (kills + 1) * Instances / Kills; i++)
                    {
                        await host.Client.PostAsync("/elsa/api/workflow-definitions/harness/dispatch", TestApp.Json("{}"));
                        started++;
                    }

                    await DecideAsync(host, sink, decided);
                    await ApproveThroughLinksAsync(host, sink);
                    await sink.WaitForMessageAsync(until - DateTime.UtcNow); // the next mail is the next piece of work
                }
            }
            catch (HttpRequestException)
            {
                // A request in flight when the process died is retried by the loop after the restart.
            }

            await host.KillAsync();
            kills++;
            await AssertIntegrityAsync();
            var (finishedAtKill, totalAtKill) = await CountAsync();
            if (totalAtKill > finishedAtKill) killsInFlight++;
        }

        Assert.True(killsInFlight >= Kills / 2, $"only {killsInFlight} of {kills} kills hit instances in flight");

        // The last start runs everything to the end; the operator retries what was parked as "delivery uncertain".
        using (var host = await StartHostAsync(sink))
        {
            while (started < Instances)
            {
                await host.Client.PostAsync("/elsa/api/workflow-definitions/harness/dispatch", TestApp.Json("{}"));
                started++;
            }

            var deadline = DateTime.UtcNow.AddMinutes(2);
            var retried = new HashSet<string>(StringComparer.Ordinal);
            retriedMessageIds.Clear();
            while (true)
            {
                await DecideAsync(host, sink, decided);
                await ApproveThroughLinksAsync(host, sink);
                var outbox = JsonNode.Parse(await host.Client.GetStringAsync("/api/outbox"))!["items"]!.AsArray();
                foreach (var dead in outbox.Where(m => m!["isDeadLetter"]?.GetValue<bool>() == true))
                {
                    var id = dead!["id"]!.ToString();
                    Assert.Contains("uncertain", dead["lastError"]?.GetValue<string>() ?? "", StringComparison.OrdinalIgnoreCase);
                    if (!retried.Add(id)) continue;
                    await using (var outboxDb = Open())
                        retriedMessageIds.Add(JsonNode.Parse((await ColumnAsync(outboxDb, $"SELECT Payload FROM Outbox WHERE Id = {long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)}")).Single())!.AsObject()
                            .First(p => string.Equals(p.Key, "messageId", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>());
                    await host.Client.PostAsync($"/api/outbox/{id}/retry", TestApp.Json("{}"));
                }

                var (finished, total) = await CountAsync();
                if (total == Instances && finished == Instances && outbox.Count == 0) break;
                Assert.True(DateTime.UtcNow < deadline, $"{finished} of {total} instances finished, {outbox.Count} outbox messages left after {kills} kills.");
                // Every step of the workflow ends in a mail; the short bound only covers an outbox row deleted just after its mail.
                await sink.WaitForMessageAsync(TimeSpan.FromSeconds(1));
            }

            Assert.True(retried.Count <= kills, $"{retried.Count} mails were parked as uncertain for {kills} kills");
        }

        await AssertIntegrityAsync();
        await using var db = Open();
        var ids = await ColumnAsync(db, "SELECT Id FROM WorkflowInstances WHERE DefinitionId = 'harness'");
        Assert.Equal(Instances, ids.Count);
        // Every timer fired once and every decision was taken once: each activity completed exactly once per instance.
        foreach (var activity in new[] { "hello", "wait", "decide", "approve", "decided", "later", "bye" })
        {
            var counts = await ColumnAsync(db, $"SELECT COUNT(*) FROM WorkflowExecutionLog WHERE ActivityId = '{activity}' AND EventName = 'Completed' GROUP BY WorkflowInstanceId");
            Assert.True(counts.Count == Instances && counts.All(c => c == "1"), $"{activity}: completed per instance {string.Join(",", counts.GroupBy(c => c).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        // Every mail arrived; none was sent twice by the service itself. A mail the process died while handing over to
        // the SMTP server was parked as "delivery uncertain" and sent again only by the operator's retry — if the
        // server had in fact taken it, that retry is the one duplicate, with the same Message-ID for the receiving
        // system to recognise. Exactly once would need the SMTP server's co-operation.
        var subjects = sink.Messages.Select(m => m.Subject).ToList();
        var expected = ids.SelectMany(id => new[] { "Kutsu " + id, "Hyväksyntäpyyntö: Esitys " + id, "Päätös " + id, "Valmis " + id }).Order().ToList();
        var decisions = await ColumnAsync(db, "SELECT COUNT(*) FROM WorkflowExecutionLog WHERE EventName = 'ApprovalDecided' GROUP BY WorkflowInstanceId");
        Assert.True(decisions.Count == Instances && decisions.All(c => c == "1"), "every approval decision is recorded exactly once");
        Assert.Equal(expected, subjects.Distinct().Order());
        var twice = sink.Messages.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g => Assert.True(g.Count() == 2 && retriedMessageIds.Contains(g.Key ?? ""), $"{g.Key} arrived {g.Count()} times without an operator retry"));
        Assert.Equal("0", (await ColumnAsync(db, "SELECT COUNT(*) FROM Bookmarks")).Single());
    }

    /// <summary>The chairs answer the approval requests in their mail: the link's confirm page (GET), then the decision (POST).</summary>
    private async Task ApproveThroughLinksAsync(HostProcess host, SmtpSink sink)
    {
        var waiting = (await ApprovalsWaitingAsync()).ToHashSet(StringComparer.Ordinal);
        if (waiting.Count == 0) return;
        List<MimeKit.MimeMessage> requests;
        lock (sink.Messages) requests = sink.Messages.Where(m => m.Subject!.StartsWith("Hyväksyntäpyyntö: Esitys ", StringComparison.Ordinal)).ToList();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var request in requests.Where(m => waiting.Contains(m.Subject!["Hyväksyntäpyyntö: Esitys ".Length..])))
        {
            var link = new Uri(WebUtility.HtmlDecode(ApproveLink().Match(request.HtmlBody!).Groups[1].Value)).PathAndQuery;
            var fields = await ApprovalFlowTests.HiddenFieldsAsync(browser, link);
            fields["decision"] = "Approved";
            await browser.PostAsync("/approvals/decide", new FormUrlEncodedContent(fields));
        }
    }

    private async Task<List<string>> ApprovalsWaitingAsync()
    {
        await using var db = Open();
        return await ColumnAsync(db, "SELECT DISTINCT WorkflowInstanceId FROM Bookmarks WHERE Name = 'Opiskeluhuolto.ApprovalDecision'");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<a href=""([^""]+/approvals/decide\?t=[^""]+)"">Hyväksy</a>")]
    private static partial System.Text.RegularExpressions.Regex ApproveLink();

    private SqliteConnection Open()
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false");
        db.Open();
        return db;
    }

    /// <summary>
    /// Sends each instance its decision event as soon as its first mail shows it has started — before it waits for the
    /// event (a late signal the engine keeps until the instance asks). An event counts as sent once the service answered.
    /// </summary>
    private static async Task DecideAsync(HostProcess host, SmtpSink sink, HashSet<string> decided)
    {
        List<string> started;
        lock (sink.Messages) started = sink.Messages.Select(m => m.Subject!).Where(s => s.StartsWith("Kutsu ", StringComparison.Ordinal)).Select(s => s["Kutsu ".Length..]).ToList();
        foreach (var id in started.Where(id => !decided.Contains(id)))
        {
            var response = await host.Client.PostAsync("/elsa/api/events/Decide/trigger", TestApp.Json(new JsonObject { ["workflowInstanceId"] = id }));
            if (response.IsSuccessStatusCode) decided.Add(id);
        }
    }

    private async Task<(int Finished, int Total)> CountAsync()
    {
        await using var db = Open();
        var statuses = await ColumnAsync(db, "SELECT SubStatus FROM WorkflowInstances WHERE DefinitionId = 'harness'");
        return (statuses.Count(s => s == "Finished"), statuses.Count);
    }

    private async Task AssertIntegrityAsync()
    {
        await using var db = Open();
        Assert.Equal("ok", (await ColumnAsync(db, "PRAGMA integrity_check")).Single());
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    private Task<HostProcess> StartHostAsync(SmtpSink sink) => HostProcess.StartAsync(_folder, _apiKey, new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp__Security"] = "None",
        ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["RateLimits__LinksPerMinute"] = "1000000",
    });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
