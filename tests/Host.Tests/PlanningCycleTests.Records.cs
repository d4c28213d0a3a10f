using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Tests;

// What the shipped workflows keep in the journal: their log persistence settings leave people's addresses out of the
// evaluated inputs and outputs (the approval events still name whom they asked: the coordinator's picture and the
// erasure of a person rely on them).
public sealed partial class PlanningCycleTests
{
    [Fact]
    public async Task ShippedWorkflows_KeepParticipantsAddressesOutOfTheJournalAndActivityRecords()
    {
        var (replay, _) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        await replay.RunUntilAsync(new DateTimeOffset(2023, 4, 1, 12, 0, 0, TimeSpan.Zero));
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));
        var addresses = Regex.Matches(file, @"[\w.+-]+@[\w.-]+\.\w+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(addresses);
        Assert.NotEmpty(replay.Sink.Messages);

        await using var db = await replay.App.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var journal = await db.ExecutionLog.Select(r => r.Data).ToListAsync();
        var records = await db.ActivityExecutions.Select(r => r.Data).ToListAsync();
        Assert.NotEmpty(journal);
        var values = journal.Concat(records).Select(d => JsonNode.Parse(d)!).SelectMany(d => new[] { d["activityState"], d["outputs"] }.Select(v => (d["activityType"]?.ToString(), v)))
            .Where(v => v.Item2 is not null).Select(v => v.Item1 + " " + v.Item2!.ToJsonString()).ToList();
        Assert.Contains(values, v => v.Contains("Keski-Suomen", StringComparison.Ordinal)); // titles are kept
        var leaks = values.Where(v => addresses.Any(a => v.Contains(a, StringComparison.OrdinalIgnoreCase))).Select(v => v.Length > 300 ? v[..300] : v).Distinct().ToList();
        Assert.True(leaks.Count == 0, "in the evaluated inputs or outputs kept: " + string.Join(", ", leaks));
    }

    [Fact]
    public async Task ABouncedRequest_ShowsAsFailed_AndGoesOnceToTheCorrectedAddress()
    {
        var (replay, id) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        replay.Sink.Replies["eeva.salminen"] = new SmtpServer.Protocol.SmtpResponse(SmtpServer.Protocol.SmtpReplyCode.TransactionFailed, "5.1.1 Mailbox unavailable");
        await replay.RunUntilAsync(new DateTimeOffset(2023, 2, 21, 12, 0, 0, TimeSpan.Zero));

        var mail = await (await replay.Admin.GetAsync($"/api/cycles/{id}/mail")).JsonAsync();
        var failed = Assert.Single(mail["items"]!.AsArray(), m => m!["state"]!.GetValue<string>() == "Failed")!;
        Assert.Equal("bounced", failed["reason"]!.GetValue<string>());
        Assert.Equal("eeva.salminen@example.fi", failed["email"]!.GetValue<string>());
        Assert.Contains("Mailbox unavailable", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, mail["failed"]!.GetValue<int>());
        var page = await replay.Admin.GetAsync($"/api/cycles/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var bad = await replay.Admin.PostJsonAsync($"/api/cycles/{id}/mail/{failed["id"]}/resend", new JsonObject { ["email"] = "ei osoite" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var resent = await replay.Admin.PostJsonAsync($"/api/cycles/{id}/mail/{failed["id"]}/resend", new JsonObject { ["email"] = "e.salminen@hyvaks.example.fi" });
        Assert.Equal(HttpStatusCode.NoContent, resent.StatusCode);
        await replay.App.RunBackgroundAsync();
        await replay.App.RunBackgroundAsync();

        Assert.Single(replay.Sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == "e.salminen@hyvaks.example.fi"));
        var after = await (await replay.Admin.GetAsync($"/api/cycles/{id}/mail")).JsonAsync();
        Assert.Empty(after["items"]!.AsArray());
        // What reached people is kept after the outbox forgets it: the corrected address once, the bounced one never.
        var sent = after["sent"]!.AsArray();
        var delivered = Assert.Single(sent, s => s!["email"]!.GetValue<string>() == "e.salminen@hyvaks.example.fi")!;
        Assert.Equal("ApprovalMailEffect", delivered["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(delivered["title"]?.GetValue<string>()));
        Assert.DoesNotContain(sent, s => s!["email"]!.GetValue<string>() == "eeva.salminen@example.fi");
        Assert.Equal(replay.Sink.Messages.Sum(m => m.To.Mailboxes.Count()), sent.Count);
        var dashboard = await (await replay.Admin.GetAsync($"/api/cycles/{id}")).JsonAsync();
        Assert.Contains(dashboard["openRequests"]!.AsArray().SelectMany(r => r!["seats"]!.AsArray()), s => s!["email"]!.GetValue<string>() == "e.salminen@hyvaks.example.fi");
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/mail/999999/resend", new JsonObject())).StatusCode);
    }
}
