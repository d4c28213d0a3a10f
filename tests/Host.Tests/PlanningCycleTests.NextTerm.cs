using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Cycles.Records;

namespace Opiskeluhuolto.Host.Tests;

// The next council term (1.6.2025–31.5.2029) from the finished 2023–2025 cycle.
public sealed partial class PlanningCycleTests
{
    /// <summary>
    /// Follow-up 2024: the coordinator's report (its link recorded) goes to the group's meeting 23.10.2024; the minutes say
    /// the plan must be reviewed, and the coordinator supplies the reviewed version.
    /// </summary>
    private static async Task FollowUpAtTheGroupsMeetingAsync(Replay replay, string id)
    {
        await replay.RunUntilAsync(Local(2024, 10, 3, 12));
        var report = Assert.Single(replay.New("Uusi tehtävä: Kokoa seurantaraportti yhteistyöryhmälle: Vuosiseuranta 2024"));
        await replay.AnswerAsync(report, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["reportUrl"] = "https://hyvaks.example.fi/seuranta-2024.pdf" });

        await replay.RunUntilAsync(Local(2024, 10, 24, 12));
        var minutes = replay.New("Uusi tehtävä: Vahvista yhteistyöryhmän kokouksen pöytäkirja (23.10.2024)").Single(m => m.To.Mailboxes.Single().Address == "kirsi.lampinen@example.fi");
        await replay.AnswerAsync(minutes, "Merkitse tehdyksi", "ChangesRequested", "Resurssiluku päivitettävä.", Minutes("2024-10-23", 11));
        await replay.App.RunBackgroundAsync();
        var review = Assert.Single(replay.New("Uusi tehtävä: Tarkista suunnitelma seurannan perusteella"));
        await replay.AnswerAsync(review, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["documentUrl"] = "https://hyvaks.example.fi/suunnitelma-2024-tarkistettu.pdf" });

        var records = await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(id);
        Assert.Equal("https://hyvaks.example.fi/seuranta-2024.pdf", Assert.Single(records, r => r.Kind == CycleRecordKinds.Report)["reportUrl"]);
        Assert.Equal(("2024-10-23", "ChangesRequested"), (records.Last(r => r.Kind == CycleRecordKinds.Minutes)["meetingDate"], records.Last(r => r.Kind == CycleRecordKinds.Minutes)["outcome"]));
        Assert.Equal(("https://hyvaks.example.fi/suunnitelma-2024-tarkistettu.pdf", 4), (records.Last(r => r.Kind == CycleRecordKinds.Document)["documentUrl"], records.Last(r => r.Kind == CycleRecordKinds.Document).Version));
    }

    private static async Task NextTermAsync(Replay replay, string id)
    {
        await replay.RunUntilAsync(Local(2025, 10, 15, 12));
        Assert.Equal("Finished", (await replay.DashboardAsync(id))["status"]!.GetValue<string>());
        var sent = replay.Sink.Messages.Count;

        var preview = await replay.Admin.PostJsonAsync($"/api/cycles/{id}/next-term/preview", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var json = await preview.JsonAsync();
        Assert.Equal("2025–2029", json["term"]!.GetValue<string>());
        Assert.Equal("cycle-ks-2025-2029", json["cycle"]!["id"]!.GetValue<string>());
        Assert.Equal("Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2025–2029", json["cycle"]!["title"]!.GetValue<string>());
        Assert.Equal("https://hyvaks.example.fi/luonnos-v3.pdf", json["previous"]!["planUrl"]!.GetValue<string>()); // the version the council approved
        Assert.Equal("https://hyvaks.example.fi/seuranta-2024.pdf", json["previous"]!["evaluationUrl"]!.GetValue<string>());
        var phases = json["cycle"]!["phases"]!.AsArray();
        Assert.All(phases, p => Assert.True(DateTimeOffset.Parse(p!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= Local(2025, 6, 1, 0), p!["key"]!.GetValue<string>()));
        var followUps = phases.Where(p => p!["key"]!.GetValue<string>().StartsWith("follow-up", StringComparison.Ordinal)).ToList();
        Assert.Equal(["follow-up-2027", "follow-up-2028"], followUps.Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal("Vuosiseuranta 2027", followUps[0]!["name"]!.GetValue<string>());
        Assert.Contains(json["schedule"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "PhaseStart" && i["phase"]!.GetValue<string>() == "follow-up-2027" && i["recipients"]!.GetValue<int>() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Admin.PostJsonAsync("/api/cycles/ei-ole/next-term/preview", new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/next-term/preview", new JsonObject { ["planUrl"] = "suunnitelma.pdf" })).StatusCode);

        // Started, it mails nobody before its first phase (February 2026); the previous term's approved plan is its version 1.
        var started = await replay.Admin.PostJsonAsync($"/api/cycles/{id}/next-term", new JsonObject());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var next = (await started.JsonAsync())["id"]!.GetValue<string>();
        await replay.RunUntilAsync(Local(2026, 1, 30, 12));
        Assert.Equal(sent, replay.Sink.Messages.Count);
        var dashboard = await replay.DashboardAsync(next);
        Assert.Contains("2025–2029", dashboard["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(dashboard["phases"]!.AsArray(), p => Assert.Equal("Upcoming", p!["state"]!.GetValue<string>()));
        var document = Assert.Single(await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(next));
        Assert.Equal(("https://hyvaks.example.fi/luonnos-v3.pdf", 1), (document["documentUrl"], document.Version));
        Assert.Equal(HttpStatusCode.Conflict, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/next-term", new JsonObject())).StatusCode);

        // The first phase opens on time in the new term.
        await replay.RunUntilAsync(Local(2026, 2, 16, 12));
        Assert.Single(replay.New("Uusi tehtävä: Nimeä yhteistyöryhmän jäsenet"), m => m.Subject!.Contains("2025–2029", StringComparison.Ordinal));
    }
}
