using System.Net;
using System.Text;
using System.Text.Json.Nodes;

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
}
