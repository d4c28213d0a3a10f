using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Cycles.Records;

namespace Opiskeluhuolto.Host.Tests;

// The cooperation group decides at its meetings (OHL 14 a §): link answers are views given in advance, the minutes decide.
public sealed partial class PlanningCycleTests
{
    /// <summary>The minutes of a meeting of <paramref name="seats"/> seats: the first <paramref name="present"/> (the chair's seat first) present, the rest absent.</summary>
    private static Dictionary<string, string> Minutes(string date, int present, string? dissent = null, int seats = 15)
    {
        var fields = new Dictionary<string, string> { ["meetingDate"] = date };
        for (var i = 0; i < seats; i++) fields[$"attendance-{i}"] = i < present ? (i == 3 ? "deputy" : "member") : "absent";
        if (dissent is not null) fields["dissent"] = dissent;
        return fields;
    }

    /// <summary>
    /// Meeting 8.11.2023: eight of fifteen approve through the links beforehand, yet nothing is decided; the chair's minutes
    /// show seven present — not quorate — and the meeting moves to 10.11.; there the group asks for changes; the coordinator
    /// supplies the third version and the next meeting (16.11.), which approves.
    /// </summary>
    private static async Task GroupDecidesAtItsMeetingsAsync(Replay replay, string id)
    {
        var firstRound = replay.New("Hyväksyntäpyyntö: Yhteistyöryhmän esitys");
        Assert.Equal(15, firstRound.Count);
        Assert.All(firstRound, m => Assert.Contains("kokouksessaan 8.11.2023", m.HtmlBody ?? "", StringComparison.Ordinal));
        foreach (var message in firstRound.Take(7)) await replay.AnswerAsync(message, "Hyväksy", "Approved");

        // Five working days before the meeting fewer than half have answered: the coordinator is warned.
        await replay.RunUntilAsync(Local(2023, 11, 1, 17));
        var warning = Assert.Single(replay.New("Vastauksia puuttuu: Yhteistyöryhmän esitys"));
        Assert.Equal("eeva.salminen@example.fi", warning.To.Mailboxes.Single().Address);
        await replay.AnswerAsync(firstRound[7], "Hyväksy", "Approved");
        await replay.App.RunBackgroundAsync();
        Assert.Equal("Active", Replay.Phase(await replay.DashboardAsync(id), "group-approval"));
        Assert.Empty(replay.New("Uusi tehtävä: Korjaa luonnos"));

        // After the meeting the chair and the secretary are asked to confirm the minutes; seven present is no quorum.
        await replay.RunUntilAsync(Local(2023, 11, 8, 16));
        var minutes = replay.New("Uusi tehtävä: Vahvista yhteistyöryhmän kokouksen pöytäkirja (8.11.2023)");
        Assert.Equal(["eeva.salminen@example.fi", "kirsi.lampinen@example.fi"], minutes.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal("Active", Replay.Phase(await replay.DashboardAsync(id), "group-approval"));
        var chair = minutes.Single(m => m.To.Mailboxes.Single().Address == "kirsi.lampinen@example.fi");
        await replay.AnswerAsync(chair, "Merkitse tehdyksi", "Approved", record: Minutes("2023-11-08", 7));
        await replay.App.RunBackgroundAsync();
        var reschedule = Assert.Single(replay.New("Uusi tehtävä: Kokous 8.11.2023 ei ollut päätösvaltainen"));
        await replay.AnswerAsync(reschedule, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["nextMeeting"] = "2023-11-10" });
        await replay.App.RunBackgroundAsync();
        Assert.Equal(15, replay.New("Kutsu: Yhteistyöryhmän kokous: esityksen hyväksyminen pe 10.11.2023").Count);
        var secondMeeting = replay.New("Hyväksyntäpyyntö: Yhteistyöryhmän esitys");
        Assert.Equal(15, secondMeeting.Count);
        Assert.All(secondMeeting, m => Assert.Contains("kokouksessaan 10.11.2023", m.HtmlBody ?? "", StringComparison.Ordinal));

        // 10.11.: quorate (ten seats, one by a deputy, the chair present); the group asks for changes, with dissent.
        await replay.RunUntilAsync(Local(2023, 11, 10, 16));
        chair = replay.New("Uusi tehtävä: Vahvista yhteistyöryhmän kokouksen pöytäkirja (10.11.2023)").Single(m => m.To.Mailboxes.Single().Address == "kirsi.lampinen@example.fi");
        await replay.AnswerAsync(chair, "Merkitse tehdyksi", "ChangesRequested", "Kielelliset oikeudet puuttuvat luvusta 2.", Minutes("2023-11-10", 10, "Jyväskylän edustaja: resurssiluku on liian yleinen."));
        await replay.App.RunBackgroundAsync();
        var revise = Assert.Single(replay.New("Uusi tehtävä: Korjaa luonnos"));
        Assert.Contains("Kielelliset oikeudet puuttuvat", revise.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Contains("resurssiluku on liian yleinen", revise.HtmlBody ?? "", StringComparison.Ordinal);
        await replay.AnswerAsync(revise, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["documentUrl"] = "https://hyvaks.example.fi/luonnos-v3.pdf", ["nextMeeting"] = "2023-11-16" });
        await replay.App.RunBackgroundAsync();
        var thirdMeeting = replay.New("Hyväksyntäpyyntö: Yhteistyöryhmän esitys");
        Assert.Equal(15, thirdMeeting.Count);
        Assert.All(thirdMeeting, m => Assert.Contains("(korjattu luonnos 2)", m.Subject, StringComparison.Ordinal));
        Assert.All(thirdMeeting, m => Assert.Contains("https://hyvaks.example.fi/luonnos-v3.pdf", m.HtmlBody ?? "", StringComparison.Ordinal));

        // 16.11.: the minutes approve the proposal; the group phase is done.
        await replay.RunUntilAsync(Local(2023, 11, 16, 16));
        chair = replay.New("Uusi tehtävä: Vahvista yhteistyöryhmän kokouksen pöytäkirja (16.11.2023)").Single(m => m.To.Mailboxes.Single().Address == "kirsi.lampinen@example.fi");
        await replay.AnswerAsync(chair, "Merkitse tehdyksi", "Approved", record: Minutes("2023-11-16", 12));
        await replay.App.RunBackgroundAsync();
        Assert.Equal("Done", Replay.Phase(await replay.DashboardAsync(id), "group-approval"));
        var kept = (await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(id)).Where(r => r.Kind == CycleRecordKinds.Minutes).ToList();
        Assert.Equal(["NotQuorate", "ChangesRequested", "Approved"], kept.Select(r => r["outcome"]));
        Assert.Equal([7, 10, 12], kept.Select(r => r.Data["present"]!.GetValue<int>()));
        Assert.Equal("Jyväskylän edustaja: resurssiluku on liian yleinen.", kept[1]["dissent"]);
    }
}
