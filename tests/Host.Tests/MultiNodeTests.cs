using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// Two Host processes on one PostgreSQL database behind a pretend load balancer (requests alternate between them), with a
/// real SMTP server: hundreds of instances with mail, two timers, an event and an approval decided through the mailed
/// link (opened on the other node than the one that may have signed it). One node is killed with SIGKILL mid-run; the
/// other carries on alone. Afterwards: every instance finished, every timer and decision happened once, no mail went
/// out twice by the service's own doing, nothing is left waiting.
/// </summary>
public sealed class MultiNodeTests : IAsyncDisposable
{
    private const int Instances = 300;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wf-nodes-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private readonly string? _database = TestPostgres.Server is null ? null : TestPostgres.NewDatabase("nodes");


    [PostgresFact]
    public async Task TwoNodes_OneKilledMidRun_NoDoubleFiring_NoDuplicateMail_NoStuckInstance()
    {
        await using var sink = new SmtpSink();
        // Both nodes start at once on an empty server: one creates and migrates the database, the other waits its turn.
        var starting = await Task.WhenAll(StartNodeAsync("a", sink), StartNodeAsync("b", sink));
        using var a = starting[0];
        using var b = starting[1];
        Assert.Equal(HttpStatusCode.OK, (await a.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(MailFlowHarness.Workflow))).StatusCode);

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
                Assert.True((await live[started % live.Length].Client.PostAsync("/elsa/api/workflow-definitions/harness/dispatch", TestApp.Json("{}"))).IsSuccessStatusCode);

            await MailFlowHarness.DecideAsync(live, sink, decided);
            await MailFlowHarness.ApproveThroughLinksAsync(live[^1], sink, approved.Add);

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

        // A node holds at most OutboxProcessor.InHand mails claimed: a claim and a lookahead per outbox lane, one lane per relay connection.
        var inHand = Workflows.Runtime.OutboxProcessor.InHand(new Notifications.Smtp.SmtpOptions().MaxConnections);
        Assert.True(retried.Count <= inHand, $"{retried.Count} mails were parked as uncertain for one killed node that has at most {inHand} mails in hand");
        var ids = await ColumnAsync("SELECT \"Id\" FROM \"WorkflowInstances\" WHERE \"DefinitionId\" = 'harness'");
        Assert.Equal(Instances, ids.Count);
        // No double firing: each timer, event and decision completed exactly once per instance, whichever node ran it.
        foreach (var activity in MailFlowHarness.Activities)
        {
            var counts = await ColumnAsync($"SELECT COUNT(*) FROM \"WorkflowExecutionLog\" WHERE \"ActivityId\" = '{activity}' AND \"EventName\" = 'Completed' GROUP BY \"WorkflowInstanceId\"");
            Assert.True(counts.Count == Instances && counts.All(c => c == "1"), $"{activity}: completed per instance {string.Join(",", counts.GroupBy(c => c).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        // No duplicate mail: every mail arrived, none twice except an operator's retry of an uncertain one (same Message-ID).
        var expected = MailFlowHarness.ExpectedSubjects(ids);
        Assert.Equal(expected, MailFlowHarness.Subjects(sink));
        var twice = sink.Messages.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g => Assert.True(g.Count() == 2 && retriedMessageIds.Contains(g.Key ?? ""), $"{g.Key} arrived {g.Count()} times without an operator retry"));
        // No stuck instance: nothing waits any more, and no Quartz trigger was lost or left behind firing.
        Assert.Equal("0", (await ColumnAsync("SELECT COUNT(*) FROM \"Bookmarks\"")).Single());
    }

    private static int Count(SmtpSink sink, string prefix)
    {
        lock (sink.Messages) return sink.Messages.Count(m => m.Subject!.StartsWith(prefix, StringComparison.Ordinal));
    }

    private async Task<(int Finished, int Total)> CountAsync()
    {
        var statuses = await ColumnAsync("SELECT \"SubStatus\" FROM \"WorkflowInstances\" WHERE \"DefinitionId\" = 'harness'");
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
        var settings = MailFlowHarness.Settings(sink);
        settings["Database__Provider"] = "PostgreSql";
        settings["ConnectionStrings__Workflows"] = _database!;
        settings["Cluster__HeartbeatInterval"] = "00:00:01";
        settings["Cluster__NodeTimeout"] = "00:00:05";
        return HostProcess.StartAsync(folder, _apiKey, settings);
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
