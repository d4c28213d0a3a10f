using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// The crash harness: the real Host runs as a child process on a SQLite file with a real SMTP server, hundreds of
/// instances of a workflow with mail, timers, events and an approval decided through the mailed link run through it, and the process is killed with
/// SIGKILL at random points again and again. Afterwards every instance has finished, every timer and every decision
/// happened exactly once, every mail arrived and none twice by the service's own doing (a mail the process died while
/// handing over is parked as "delivery uncertain" and sent again only by the operator's retry), and SQLite's
/// integrity check passes.
/// </summary>
public sealed class CrashHarnessTests : IDisposable
{
    private const int Instances = 200, Kills = 20;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-harness-" + Guid.NewGuid().ToString("n"));
    private readonly string _apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());


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
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/elsa/api/workflow-definitions/import", TestApp.Json(MailFlowHarness.Workflow))).StatusCode);

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

                    await MailFlowHarness.DecideAsync([host], sink, decided);
                    await ApproveWaitingAsync(host, sink);
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
                await MailFlowHarness.DecideAsync([host], sink, decided);
                await ApproveWaitingAsync(host, sink);
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

            // A process holds at most OutboxProcessor.InHand mails claimed: a claim and a lookahead per outbox lane, one lane per relay connection.
            var inHand = Workflows.Runtime.OutboxProcessor.InHand(new Notifications.Smtp.SmtpOptions().MaxConnections);
            Assert.True(retried.Count <= kills * inHand, $"{retried.Count} mails were parked as uncertain for {kills} kills (at most {inHand} mails in hand each)");
        }

        await AssertIntegrityAsync();
        await using var db = Open();
        var ids = await ColumnAsync(db, "SELECT Id FROM WorkflowInstances WHERE DefinitionId = 'harness'");
        Assert.Equal(Instances, ids.Count);
        // Every timer fired once and every decision was taken once: each activity completed exactly once per instance.
        foreach (var activity in MailFlowHarness.Activities)
        {
            var counts = await ColumnAsync(db, $"SELECT COUNT(*) FROM WorkflowExecutionLog WHERE ActivityId = '{activity}' AND EventName = 'Completed' GROUP BY WorkflowInstanceId");
            Assert.True(counts.Count == Instances && counts.All(c => c == "1"), $"{activity}: completed per instance {string.Join(",", counts.GroupBy(c => c).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        // Every mail arrived; none was sent twice by the service itself. A mail the process died while handing over to
        // the SMTP server was parked as "delivery uncertain" and sent again only by the operator's retry — if the
        // server had in fact taken it, that retry is the one duplicate, with the same Message-ID for the receiving
        // system to recognise. Exactly once would need the SMTP server's co-operation.
        var expected = MailFlowHarness.ExpectedSubjects(ids);
        var decisions = await ColumnAsync(db, "SELECT COUNT(*) FROM WorkflowExecutionLog WHERE EventName = 'ApprovalDecided' GROUP BY WorkflowInstanceId");
        Assert.True(decisions.Count == Instances && decisions.All(c => c == "1"), "every approval decision is recorded exactly once");
        Assert.Equal(expected, MailFlowHarness.Subjects(sink));
        var twice = sink.Messages.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g => Assert.True(g.Count() == 2 && retriedMessageIds.Contains(g.Key ?? ""), $"{g.Key} arrived {g.Count()} times without an operator retry"));
        Assert.Equal("0", (await ColumnAsync(db, "SELECT COUNT(*) FROM Bookmarks")).Single());
    }

    /// <summary>The chair answers the approval requests of the instances still waiting for one, through the links in the mail.</summary>
    private async Task ApproveWaitingAsync(HostProcess host, SmtpSink sink)
    {
        var waiting = (await ApprovalsWaitingAsync()).ToHashSet(StringComparer.Ordinal);
        if (waiting.Count > 0) await MailFlowHarness.ApproveThroughLinksAsync(host, sink, waiting.Contains);
    }

    private async Task<List<string>> ApprovalsWaitingAsync()
    {
        await using var db = Open();
        return await ColumnAsync(db, "SELECT DISTINCT WorkflowInstanceId FROM Bookmarks WHERE Name = 'Opiskeluhuolto.ApprovalDecision'");
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_folder, "workflows.db")};Pooling=false");
        db.Open();
        return db;
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

    private Task<HostProcess> StartHostAsync(SmtpSink sink) => HostProcess.StartAsync(_folder, _apiKey, MailFlowHarness.Settings(sink));

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
