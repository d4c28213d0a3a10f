using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Opiskeluhuolto.Notifications.Tests;
using Opiskeluhuolto.Workflows.Tests;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// Two Host processes on one PostgreSQL database behind a pretend load balancer (requests alternate between them), with a
/// real SMTP server: hundreds of instances with mail, two timers, an event and an approval decided through the mailed
/// link (opened on the other node than the one that may have signed it). One node is killed with SIGKILL mid-run; the
/// other carries on alone. Afterwards: every instance finished, every timer and decision happened once, no mail went
/// out twice by the service's own doing, nothing is left waiting.
/// </summary>
public sealed partial class MultiNodeTests : IAsyncDisposable
{
    private const int Instances = 300;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wf-nodes-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private readonly string? _database = TestPostgres.Server is null ? null : TestPostgres.NewDatabase("nodes");

    private const string Workflow = """
        {
          "id": "nodes-v1", "definitionId": "nodes", "name": "Nodes", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "hello", "type": "Elsa.SendEmail", "version": 1,
                "to": { "typeName": "List<String>", "expression": { "type": "Object", "value": "[\"jasen@kunta.example\"]" } },
                "subject": { "typeName": "String", "expression": { "type": "JavaScript", "value": "return 'Kutsu ' + getWorkflowInstanceId();" } },
                "body": { "typeName": "String", "expression": { "type": "Literal", "value": "<p>Kutsu</p>" } } },
              { "id": "wait", "type": "Elsa.Delay", "version": 1, "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:02" } } },
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

    [PostgresFact]
    public async Task TwoNodes_OneKilledMidRun_NoDoubleFiring_NoDuplicateMail_NoStuckInstance()
    {
        await using var sink = new SmtpSink();
        // Both nodes start at once on an empty server: one creates and migrates the database, the other waits its turn.
        var starting = await Task.WhenAll(StartNodeAsync("a", sink), StartNodeAsync("b", sink));
        using var a = starting[0];
        using var b = starting[1];
        Assert.Equal(HttpStatusCode.OK, (await a.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(Workflow))).StatusCode);

        var decided = new HashSet<string>(StringComparer.Ordinal);
        var approved = new HashSet<string>(StringComparer.Ordinal);
        var started = 0;
        var nodes = new[] { a, b };
        var killed = false;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        var retried = new HashSet<string>(StringComparer.Ordinal);
        var retriedMessageIds = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var live = killed ? [b] : nodes;
            for (var i = 0; i < 10 && started < Instances; i++, started++)
                Assert.True((await live[started % live.Length].Client.PostAsync("/elsa/api/workflow-definitions/nodes/dispatch", TestApp.Json("{}"))).IsSuccessStatusCode);

            await DecideAsync(live, sink, decided);
            await ApproveThroughLinksAsync(live[^1], sink, approved);

            // Node a dies in the middle of the run, with mail, timers and approvals of its own in flight.
            if (!killed && Count(sink, "Päätös ") >= Instances / 4)
            {
                await a.KillAsync();
                killed = true;
                var (finishedAtKill, totalAtKill) = await CountAsync();
                Assert.True(totalAtKill > finishedAtKill, "the kill found instances in flight");
            }

            // The operator retries what a dying node left as "delivery uncertain" (at most what it had in hand).
            var outbox = JsonNode.Parse(await b.Client.GetStringAsync("/api/outbox"))!["items"]!.AsArray();
            foreach (var dead in outbox.Where(m => m!["isDeadLetter"]?.GetValue<bool>() == true))
            {
                var id = dead!["id"]!.ToString();
                Assert.Contains("uncertain", dead["lastError"]?.GetValue<string>() ?? "", StringComparison.OrdinalIgnoreCase);
                if (!retried.Add(id)) continue;
                var payload = (await ColumnAsync($"SELECT \"Payload\" FROM \"Outbox\" WHERE \"Id\" = {long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)}")).Single();
                retriedMessageIds.Add(JsonNode.Parse(payload)!.AsObject().First(p => string.Equals(p.Key, "messageId", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>());
                await b.Client.PostAsync($"/api/outbox/{id}/retry", TestApp.Json("{}"));
            }

            var (finished, total) = await CountAsync();
            if (killed && started == Instances && total == Instances && finished == Instances && outbox.Count == 0) break;
            Assert.True(DateTime.UtcNow < deadline, $"{finished} of {total} instances finished, {outbox.Count} outbox messages left (node a killed: {killed}).");
            await sink.WaitForMessageAsync(TimeSpan.FromSeconds(1)); // the next mail is the next piece of work
        }

        Assert.True(retried.Count <= 1, $"{retried.Count} mails were parked as uncertain for one killed node that sends one mail at a time");
        var ids = await ColumnAsync("SELECT \"Id\" FROM \"WorkflowInstances\" WHERE \"DefinitionId\" = 'nodes'");
        Assert.Equal(Instances, ids.Count);
        // No double firing: each timer, event and decision completed exactly once per instance, whichever node ran it.
        foreach (var activity in new[] { "hello", "wait", "decide", "approve", "decided", "later", "bye" })
        {
            var counts = await ColumnAsync($"SELECT COUNT(*) FROM \"WorkflowExecutionLog\" WHERE \"ActivityId\" = '{activity}' AND \"EventName\" = 'Completed' GROUP BY \"WorkflowInstanceId\"");
            Assert.True(counts.Count == Instances && counts.All(c => c == "1"), $"{activity}: completed per instance {string.Join(",", counts.GroupBy(c => c).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        // No duplicate mail: every mail arrived, none twice except an operator's retry of an uncertain one (same Message-ID).
        var expected = ids.SelectMany(id => new[] { "Kutsu " + id, "Hyväksyntäpyyntö: Esitys " + id, "Päätös " + id, "Valmis " + id }).Order().ToList();
        Assert.Equal(expected, sink.Messages.Select(m => m.Subject).Distinct().Order());
        var twice = sink.Messages.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g => Assert.True(g.Count() == 2 && retriedMessageIds.Contains(g.Key ?? ""), $"{g.Key} arrived {g.Count()} times without an operator retry"));
        // No stuck instance: nothing waits any more, and no Quartz trigger was lost or left behind firing.
        Assert.Equal("0", (await ColumnAsync("SELECT COUNT(*) FROM \"Bookmarks\"")).Single());
    }

    private static int Count(SmtpSink sink, string prefix)
    {
        lock (sink.Messages) return sink.Messages.Count(m => m.Subject!.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Each instance gets its decision event, on alternating nodes, once its first mail shows it has started.</summary>
    private static async Task DecideAsync(HostProcess[] nodes, SmtpSink sink, HashSet<string> decided)
    {
        List<string> started;
        lock (sink.Messages) started = sink.Messages.Select(m => m.Subject!).Where(s => s.StartsWith("Kutsu ", StringComparison.Ordinal)).Select(s => s["Kutsu ".Length..]).ToList();
        var turn = 0;
        foreach (var id in started.Where(id => !decided.Contains(id)))
        {
            var response = await nodes[turn++ % nodes.Length].Client.PostAsync("/elsa/api/events/Decide/trigger", TestApp.Json(new JsonObject { ["workflowInstanceId"] = id }));
            if (response.IsSuccessStatusCode) decided.Add(id);
        }
    }

    /// <summary>The chair opens each approval link on <paramref name="node"/>, whichever node signed and sent it: GET confirm, POST decide.</summary>
    private static async Task ApproveThroughLinksAsync(HostProcess node, SmtpSink sink, HashSet<string> approved)
    {
        List<MimeKit.MimeMessage> requests;
        lock (sink.Messages) requests = sink.Messages.Where(m => m.Subject!.StartsWith("Hyväksyntäpyyntö: Esitys ", StringComparison.Ordinal)).ToList();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var request in requests.Where(m => !approved.Contains(m.MessageId!)))
        {
            var link = new Uri(WebUtility.HtmlDecode(ApproveLink().Match(request.HtmlBody!).Groups[1].Value)).PathAndQuery;
            var fields = await ApprovalFlowTests.HiddenFieldsAsync(browser, link);
            fields["decision"] = "Approved";
            var response = await browser.PostAsync("/approvals/decide", new FormUrlEncodedContent(fields));
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"deciding through a link answered {(int)response.StatusCode}");
            approved.Add(request.MessageId!);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<a href=""([^""]+/approvals/decide\?t=[^""]+)"">Hyväksy</a>")]
    private static partial System.Text.RegularExpressions.Regex ApproveLink();

    private async Task<(int Finished, int Total)> CountAsync()
    {
        var statuses = await ColumnAsync("SELECT \"SubStatus\" FROM \"WorkflowInstances\" WHERE \"DefinitionId\" = 'nodes'");
        return (statuses.Count(s => s == "Finished"), statuses.Count);
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    private Task<HostProcess> StartNodeAsync(string name, SmtpSink sink)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        return HostProcess.StartAsync(folder, _apiKey, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql", ["ConnectionStrings__Workflows"] = _database!,
            ["Cluster__HeartbeatInterval"] = "00:00:01", ["Cluster__NodeTimeout"] = "00:00:05",
            ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp__Security"] = "None",
            ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["RateLimits__LinksPerMinute"] = "1000000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null) await TestPostgres.DropAsync(_database);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
