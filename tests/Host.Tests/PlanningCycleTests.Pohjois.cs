using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Cycles.Records;

namespace Opiskeluhuolto.Host.Tests;

// Pohjois-Pohjanmaa 2023: no committee; the executive board (23.1.2024) and the council (12.2.2024) decide.
public sealed partial class PlanningCycleTests
{
    [Fact]
    public async Task PohjoisPohjanmaa2023_ReachesTheWelfarePlanOnlyAfterTheCouncilsRecordedApproval()
    {
        var (replay, id) = await StartRegionAsync("pohjois-pohjanmaa-2023");
        await using var _ = replay;

        // Drafting (31.8.2023): done only with the draft's link — the plan's second version.
        await replay.RunUntilAsync(Local(2023, 8, 31, 12));
        var drafting = Assert.Single(replay.New("Uusi tehtävä: Laadi suunnitelmaluonnos"));
        Assert.Equal("sanna.kivela@example.fi", drafting.To.Mailboxes.Single().Address);
        await replay.AnswerAsync(drafting, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["documentUrl"] = "https://pohde.example.fi/ohsu-luonnos-2.pdf" });

        // After the consultation (13.11.2023) the members give their views on the proposal in advance.
        await replay.RunUntilAsync(Local(2023, 11, 13, 12));
        var proposal = replay.New("Hyväksyntäpyyntö: Yhteistyöryhmän esitys").Concat(replay.New("Begäran om godkännande: Samarbetsgruppens förslag")).ToList();
        Assert.Equal(16, proposal.Count);
        Assert.All(proposal, m => Assert.Contains("https://pohde.example.fi/ohsu-luonnos-2.pdf", m.HtmlBody ?? "", StringComparison.Ordinal));
        foreach (var message in proposal.Where(m => m.Subject!.StartsWith("Hyväksyntäpyyntö", StringComparison.Ordinal)).Take(9)) await replay.AnswerAsync(message, "Hyväksy", "Approved");
        await replay.App.RunBackgroundAsync();
        Assert.Equal("Active", Replay.Phase(await replay.DashboardAsync(id), "group-approval")); // views given in advance decide nothing

        // The group's meeting (13.12.2023) decides; the chair confirms the minutes.
        await replay.RunUntilAsync(Local(2023, 12, 13, 16));
        var minutes = replay.New("Uusi tehtävä: Vahvista yhteistyöryhmän kokouksen pöytäkirja (13.12.2023)").Single(m => m.To.Mailboxes.Single().Address == "hannele.rautio@example.fi");
        await replay.AnswerAsync(minutes, "Merkitse tehdyksi", "Approved", record: Minutes("2023-12-13", 11, seats: 16));
        await replay.App.RunBackgroundAsync();
        Assert.Equal("Done", Replay.Phase(await replay.DashboardAsync(id), "group-approval"));

        // No committee in this county: the executive board is first.
        await replay.RunUntilAsync(Local(2024, 1, 24, 12));
        Assert.Empty(replay.New("Uusi tehtävä: Kirjaa päätös (lautakunta"));
        Assert.Single(replay.New("Uusi tehtävä: Kirjaa päätös (aluehallitus 23.1.2024)"));
        // The day after the meeting the coordinator is reminded to record it, with a fresh link (the request went out six weeks earlier).
        var board = Assert.Single(replay.New("Muistutus: Kirjaa päätös (aluehallitus 23.1.2024)"), m => TimeZoneInfo.ConvertTime(m.Date, Helsinki).Day == 24);
        await replay.AnswerAsync(board, "Merkitse tehdyksi", "Approved", record: Decision("2024-01-23", "12"));

        // The council met on 12.2.2024 but nobody recorded its decision: the alignment due to start on 19.2. waits.
        await replay.RunUntilAsync(Local(2024, 2, 20, 12));
        Assert.Single(replay.New("Uusi tehtävä: Kirjaa päätös (aluevaltuusto 12.2.2024)"));
        Assert.Equal(["hannele.rautio@example.fi", "sanna.kivela@example.fi"],
            replay.New("Vastauksia puuttuu: Kirjaa päätös (aluevaltuusto 12.2.2024)").Select(m => m.To.Mailboxes.Single().Address).Distinct().Order());
        Assert.Empty(replay.New("Uusi tehtävä: Vahvista, että paikallinen opiskeluhuoltosuunnitelma on tarkistettu"));
        Assert.DoesNotContain(await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(id), r => r.Kind == CycleRecordKinds.Attachment);

        var reminder = replay.New("Muistutus: Kirjaa päätös (aluevaltuusto 12.2.2024)").OrderBy(m => m.Date).Last();
        await replay.AnswerAsync(reminder, "Merkitse tehdyksi", "Approved", record: Decision("2024-02-12", "7", "https://pohde.example.fi/aluevaltuusto/2024-02-12"));
        await replay.App.RunBackgroundAsync();
        var attach = Assert.Single(replay.New("Uusi tehtävä: Liitä hyväksytty suunnitelma hyvinvointisuunnitelmaan"));
        await replay.AnswerAsync(attach, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string>
        {
            ["attachmentUrl"] = "https://pohde.example.fi/hyvinvointisuunnitelma", ["publicUrl"] = "https://pohde.example.fi/opiskeluhuoltosuunnitelma",
        });
        await replay.App.RunBackgroundAsync();

        // Incorporated: announced once to each person in their language; only now the providers align their own plans.
        var swedish = replay.New("Välfärdsområdesfullmäktige godkände planen");
        Assert.Equal(["johanna.lindqvist@example.fi", "mikael.sundstrom@example.org"], swedish.Select(m => m.To.Mailboxes.Single().Address).Order());
        var finnish = replay.New("Aluevaltuusto hyväksyi suunnitelman");
        Assert.Contains("hannele.rautio@example.fi", finnish.Select(m => m.To.Mailboxes.Single().Address));
        Assert.All(finnish.Concat(swedish), m => Assert.Contains("§ 7", m.TextBody, StringComparison.Ordinal));
        Assert.NotEmpty(replay.New("Uusi tehtävä: Vahvista, että paikallinen opiskeluhuoltosuunnitelma on tarkistettu"));
        var dashboard = await replay.DashboardAsync(id);
        Assert.Equal("Done", Replay.Phase(dashboard, "county-decision"));
        Assert.Equal("Active", Replay.Phase(dashboard, "align-local-plans"));
        var records = await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(id);
        Assert.Equal(["board", "council"], records.Where(r => r.Kind == CycleRecordKinds.Decision).Select(r => r["body"]));
        Assert.Equal(2, records.Single(r => r["body"] == "council").Data["documentVersion"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await replay.Admin.GetAsync($"/api/cycles/{id}")).StatusCode);
    }
}
