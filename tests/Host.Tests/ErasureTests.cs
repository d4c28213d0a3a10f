using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>GDPR erasure: a person leaves the directory and finished cycles; their decisions stay under a pseudonym; running cycles are reported, not changed.</summary>
public sealed class ErasureTests
{
    [Fact]
    public async Task Erase_RemovesPersonFromDirectoryAndFinishedCycles_KeepsAnonymisedDecisions_ReportsRunning()
    {
        var (sink, app, finishedId) = await ApprovalFlowTests.StartAsync();
        await using var _ = sink;
        await using var __ = app;
        using var admin = app.Admin();
        using var browser = app.CreateClient();
        const string Pia = "puheenjohtaja@pohde.example";
        await admin.PostAsync("/api/directory/import-csv?dataset=pohde", new StringContent($"id;firstName;lastName;email;roles\np-01;Pia;Puheenjohtaja;{Pia};chair", Encoding.UTF8, "text/csv"));

        foreach (var message in sink.Messages.ToList())
            await ApprovalFlowTests.AnswerAsync(browser, message, message.To.Mailboxes.Single().Address == Pia ? "Hyväksy" : "Godkänn", "Approved", "Hyväksyn. Pia Puheenjohtaja");
        Assert.Equal("Finished", (await (await admin.GetAsync($"/elsa/api/workflow-instances/{finishedId}")).JsonAsync())["subStatus"]!.GetValue<string>());
        var runningId = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/api/people/erase", new JsonObject { ["email"] = "ei osoite" })).StatusCode);
        var erased = await admin.PostJsonAsync("/api/people/erase", new JsonObject { ["email"] = "Puheenjohtaja@Pohde.example" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var result = await erased.JsonAsync();
        var pseudonym = result["pseudonym"]!.GetValue<string>();
        Assert.EndsWith("@poistettu.invalid", pseudonym, StringComparison.Ordinal);
        Assert.Equal(1, result["directoryPeople"]!.GetValue<int>());
        Assert.Equal(1, result["instances"]!.GetValue<int>());
        Assert.Equal([runningId], result["runningInstances"]!.AsArray().Select(i => i!.GetValue<string>()));

        var finished = await (await admin.GetAsync($"/elsa/api/workflow-instances/{finishedId}")).Content.ReadAsStringAsync();
        var journal = await (await admin.GetAsync($"/elsa/api/workflow-instances/{finishedId}/journal")).Content.ReadAsStringAsync();
        var audit = await (await admin.GetAsync($"/api/workflow-instances/{finishedId}/audit.csv")).Content.ReadAsStringAsync();
        foreach (var text in new[] { finished, journal, audit })
        {
            Assert.DoesNotContain(Pia, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Pia Puheenjohtaja", text, StringComparison.Ordinal);
        }

        Assert.Contains(pseudonym, journal, StringComparison.Ordinal);
        Assert.Contains("Hyväksyn. Poistettu henkilö", journal, StringComparison.Ordinal); // the name in her own comment too
        Assert.Contains(pseudonym, audit, StringComparison.Ordinal);
        var decisions = JsonNode.Parse(journal)!["items"]!.AsArray().Where(e => e!["eventName"]?.GetValue<string>() == "ApprovalDecided").ToList();
        Assert.Equal(2, decisions.Count); // both decisions are kept
        Assert.Contains("ledamot@kommun.example", journal, StringComparison.Ordinal); // others are untouched
        Assert.Contains(Pia, await (await admin.GetAsync($"/elsa/api/workflow-instances/{runningId}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/directory/roles/chair")).StatusCode);
    }

    [Fact]
    public async Task Erase_AnAddressWithUnderscore_IsFoundAsItIs()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        const string Pia = "pia_puheenjohtaja@pohde.example";
        await app.ImportAsync(ApprovalFlowTests.Workflow.Replace("puheenjohtaja@pohde.example", Pia, StringComparison.Ordinal));
        using var admin = app.Admin();
        using var browser = app.CreateClient();
        var id = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunBackgroundAsync();
        await ApprovalFlowTests.AnswerAsync(browser, sink.Messages.Single(m => m.To.Mailboxes.Single().Address == Pia), "Hyväksy", "Approved");
        await ApprovalFlowTests.AnswerAsync(browser, sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example"), "Godkänn", "Approved");
        Assert.Equal("Finished", (await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync())["subStatus"]!.GetValue<string>());

        var result = await (await admin.PostJsonAsync("/api/people/erase", new JsonObject { ["email"] = Pia })).JsonAsync();

        Assert.Equal(1, result["instances"]!.GetValue<int>()); // was 0: the underscore was dropped from the pattern
        Assert.DoesNotContain(Pia, await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Pia, await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}/journal")).Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erase_APersonWhoNeverOpenedALink_LeavesNoTraceInAnyStore_AndIsNotAskedByTheNextCycle()
    {
        const string Pia = "pia_puheenjohtaja@pohde.example";
        await using var app = new TestApp(); // mail goes to the pickup folder, as on a default installation
        using var admin = app.Admin();
        // She sits in the Keski-Suomi cooperation group (not its chair, vice chair or secretary).
        var region = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json")))!.AsObject();
        var group = region["cooperationGroup"]!;
        var officers = new[] { "chairPersonId", "viceChairPersonId", "secretaryPersonId" }.Select(k => group[k]?.GetValue<string>()).ToHashSet();
        var seat = group["seats"]!.AsArray().First(x => !officers.Contains(x!["memberPersonId"]!.GetValue<string>()))!;
        var person = region["people"]!.AsArray().First(x => x!["id"]!.GetValue<string>() == seat["memberPersonId"]!.GetValue<string>())!;
        var fullName = $"{person["firstName"]} {person["lastName"]}";
        person["email"] = Pia;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("/api/directory/import", region)).StatusCode);
        var before = await (await admin.PostJsonAsync("/api/cycles/preview", new JsonObject { ["dataset"] = "keski-suomi-2023" })).JsonAsync();

        // She is asked, never opens the link, and the request times out: the workflow finishes without her.
        await app.ImportAsync(ApprovalFlowTests.Workflow.Replace("puheenjohtaja@pohde.example", Pia, StringComparison.Ordinal).Replace("Pia Puheenjohtaja", fullName, StringComparison.Ordinal));
        var id = (await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}")).Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunUntilAsync(app.Time.GetUtcNow().AddDays(30));
        Assert.Equal("Finished", (await (await admin.GetAsync($"/elsa/api/workflow-instances/{id}")).JsonAsync())["subStatus"]!.GetValue<string>());
        var pickup = Path.Combine(app.DataFolder, "mail-pickup");
        Assert.Contains(Directory.GetFiles(pickup, "*.eml"), f => MimeKit.MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address == Pia));
        // A mail about her that failed, as a relay would have answered.
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Opiskeluhuolto.Workflows.Persistence.WorkflowsDbContext>>().CreateDbContextAsync())
        {
            db.Outbox.Add(new Opiskeluhuolto.Workflows.Persistence.OutboxMessage
            {
                WorkflowInstanceId = id, Kind = "Email", Payload = $$"""{"to":["{{Pia}}"],"subject":"Muistutus"}""", CreatedAt = app.Time.GetUtcNow(),
                NextAttemptAt = app.Time.GetUtcNow(), IsDeadLetter = true, LastError = $"550 5.1.1 <{Pia}>: Recipient address rejected",
            });
            await db.SaveChangesAsync();
        }

        // What a cycle keeps names her: she recorded a version, and the minutes list her as present.
        await using (var planning = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Opiskeluhuolto.Planning.Persistence.PlanningDbContext>>().CreateDbContextAsync())
        {
            planning.CycleRecords.Add(new Opiskeluhuolto.Planning.Cycles.Records.CycleRecord { Id = "r1", CycleInstanceId = id, Kind = "Document", Data = """{"documentUrl":"https://example.fi/v2.pdf"}""", RecordedBy = Pia, RecordedAt = app.Time.GetUtcNow() });
            planning.CycleRecords.Add(new Opiskeluhuolto.Planning.Cycles.Records.CycleRecord { Id = "r2", CycleInstanceId = id, Kind = "Minutes", Data = $$"""{"attendance":[{"seat":"{{fullName}}","present":"member","attendedBy":"{{fullName}}"}],"present":1}""", RecordedBy = "kirsi@example.fi", RecordedAt = app.Time.GetUtcNow() });
            await planning.SaveChangesAsync();
        }

        var erased = await (await admin.PostJsonAsync("/api/people/erase", new JsonObject { ["email"] = Pia })).JsonAsync();

        Assert.Equal(1, erased["instances"]!.GetValue<int>());
        Assert.Equal(1, erased["datasets"]!.GetValue<int>());
        Assert.True(erased["outboxMessages"]!.GetValue<int>() >= 1);
        Assert.True(erased["mailFiles"]!.GetValue<int>() >= 1);
        Assert.True(erased["sentMails"]!.GetValue<int>() >= 1); // what reached her is still counted, to the pseudonym
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Opiskeluhuolto.Workflows.Persistence.WorkflowsDbContext>>().CreateDbContextAsync())
        {
            var rows = db.WorkflowInstances.AsEnumerable().Select(r => r.Data)
                .Concat(db.ExecutionLog.AsEnumerable().Select(r => r.Data))
                .Concat(db.ActivityExecutions.AsEnumerable().Select(r => r.Data))
                .Concat(db.Incidents.AsEnumerable().Select(r => r.Data + r.Message))
                .Concat(db.Outbox.AsEnumerable().Select(r => r.Payload + r.LastError))
                .Concat(db.BookmarkQueue.AsEnumerable().Select(r => r.Input ?? ""))
                .Concat(db.SentEffects.AsEnumerable().Select(r => r.Recipient + r.Title))
                .Concat(db.Audit.AsEnumerable().Select(r => r.Actor + r.Detail)).ToList();
            Assert.NotEmpty(rows);
            Assert.DoesNotContain(rows, r => r.Contains(Pia, StringComparison.OrdinalIgnoreCase) || r.Contains(fullName, StringComparison.Ordinal));
        }

        await using (var planning = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Opiskeluhuolto.Planning.Persistence.PlanningDbContext>>().CreateDbContextAsync())
        {
            Assert.DoesNotContain(planning.DirectoryDatasets.AsEnumerable(), d => d.Json.Contains(Pia, StringComparison.OrdinalIgnoreCase) || d.Json.Contains(fullName, StringComparison.Ordinal));
            var kept = planning.CycleRecords.AsEnumerable().Select(r => r.RecordedBy + r.Data).ToList();
            Assert.Equal(2, kept.Count);
            Assert.DoesNotContain(kept, r => r.Contains(Pia, StringComparison.OrdinalIgnoreCase) || r.Contains(fullName, StringComparison.Ordinal));
            Assert.Contains(kept, r => r.Contains("https://example.fi/v2.pdf", StringComparison.Ordinal)); // the facts stay
        }

        Assert.Equal(2, erased["cycleRecords"]!.GetValue<int>());
        Assert.DoesNotContain(Directory.GetFiles(pickup, "*.eml"), f => File.ReadAllText(f).Contains(Pia, StringComparison.OrdinalIgnoreCase));

        var after = await admin.PostJsonAsync("/api/cycles/preview", new JsonObject { ["dataset"] = "keski-suomi-2023" });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var text = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Pia, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before["cycle"]!["members"]!.GetValue<int>() - 1, JsonNode.Parse(text)!["cycle"]!["members"]!.GetValue<int>());
    }
}
