using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Opiskeluhuolto.Planning.Cycles.Records;

namespace Opiskeluhuolto.Host.Tests;

// The county's decisions in the Keski-Suomi replay: committee, board, council, the plan attached and announced.
public sealed partial class PlanningCycleTests
{
    /// <summary>"Done" on the drafting task without the draft's link is refused with the field named, and nothing is recorded.</summary>
    private static async Task AnswerWithoutTheDraftIsRefusedAsync(Replay replay, MimeMessage drafting)
    {
        var link = ApprovalLink(drafting, "Merkitse tehdyksi");
        var refused = await ApprovalFlowTests.PostFormAsync(replay.Browser, link, "Done", "", new Dictionary<string, string> { ["documentUrl"] = "luonnos.docx" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Linkki suunnitelman versioon: anna koko osoite", page, StringComparison.Ordinal);
        Assert.Contains("value=\"luonnos.docx\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ApprovalFlowTests.PostFormAsync(replay.Browser, link, "Done", "")).StatusCode);
    }

    private static string ApprovalLink(MimeMessage message, string text) =>
        new Uri(System.Text.RegularExpressions.Regex.Matches(message.HtmlBody!, @"<a href=""(https://opiskeluhuolto\.test/approvals/decide\?t=[^""]+)""[^>]*>([^<]+)</a>")
            .Where(m => WebUtility.HtmlDecode(m.Groups[2].Value) == text).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).First()).PathAndQuery;

    private static Dictionary<string, string> Decision(string date, string section, string? minutes = null)
    {
        var record = new Dictionary<string, string> { ["meetingDate"] = date, ["section"] = section, ["caseNumber"] = "HYVAKS/1234/00.01.01/2023" };
        if (minutes is not null) record["minutesUrl"] = minutes;
        return record;
    }

    /// <summary>
    /// Committee 21.11., board 4.12. and council 18.12.2023 (the demo file's dates): the coordinator records each decision
    /// after its meeting. While the council's is not recorded, nothing after it starts — not even when the providers'
    /// alignment was due to begin (8.1.2024) — and the coordinator and the chair hear of it every week.
    /// </summary>
    private static async Task CountyDecidesAsync(Replay replay, string id)
    {
        await replay.RunUntilAsync(Local(2023, 11, 22, 12));
        var committee = Assert.Single(replay.New("Uusi tehtävä: Kirjaa päätös (lautakunta 21.11.2023)"));
        Assert.Equal("eeva.salminen@example.fi", committee.To.Mailboxes.Single().Address);
        Assert.Contains("https://hyvaks.example.fi/luonnos-v3.pdf", committee.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Esityslistan määräaika on 7.11.2023", committee.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ApprovalFlowTests.PostFormAsync(replay.Browser, ApprovalLink(committee, "Merkitse tehdyksi"), "Approved", "", Decision("2023-11-28", "45"))).StatusCode);
        await replay.AnswerAsync(committee, "Merkitse tehdyksi", "Approved", record: Decision("2023-11-21", "45"));

        await replay.RunUntilAsync(Local(2023, 12, 5, 12));
        var board = Assert.Single(replay.New("Uusi tehtävä: Kirjaa päätös (aluehallitus 4.12.2023)"));
        await replay.AnswerAsync(board, "Merkitse tehdyksi", "Approved", record: Decision("2023-12-04", "301"));

        await replay.RunUntilAsync(Local(2024, 1, 31, 12));
        Assert.Single(replay.New("Uusi tehtävä: Kirjaa päätös (aluevaltuusto 18.12.2023)"));
        var escalations = replay.New("Vastauksia puuttuu: Kirjaa päätös (aluevaltuusto 18.12.2023)");
        Assert.Equal(["eeva.salminen@example.fi", "kirsi.lampinen@example.fi"], escalations.Select(m => m.To.Mailboxes.Single().Address).Distinct().Order());
        Assert.True(escalations.Count >= 8, $"{escalations.Count} escalations");
        Assert.Empty(replay.New("Uusi tehtävä: Vahvista, että paikallinen opiskeluhuoltosuunnitelma on tarkistettu"));
        var waiting = await replay.DashboardAsync(id);
        Assert.Equal("Active", Replay.Phase(waiting, "county-decision"));
        Assert.Equal("Upcoming", Replay.Phase(waiting, "align-local-plans"));

        // The first mail's link has expired by now; each escalation brought the coordinator a reminder with a fresh one.
        var reminder = replay.New("Muistutus: Kirjaa päätös (aluevaltuusto 18.12.2023)").OrderBy(m => m.Date).Last();
        Assert.Equal("eeva.salminen@example.fi", reminder.To.Mailboxes.Single().Address);
        await replay.AnswerAsync(reminder, "Merkitse tehdyksi", "Approved", record: Decision("2023-12-18", "98", "https://hyvaks.example.fi/aluevaltuusto/2023-12-18"));
        await replay.App.RunBackgroundAsync();
        var attach = Assert.Single(replay.New("Uusi tehtävä: Liitä hyväksytty suunnitelma hyvinvointisuunnitelmaan"));
        Assert.Empty(replay.New("Uusi tehtävä: Vahvista, että paikallinen opiskeluhuoltosuunnitelma on tarkistettu"));
        await replay.AnswerAsync(attach, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string>
        {
            ["attachmentUrl"] = "https://hyvaks.example.fi/hyvinvointisuunnitelma/lapset-ja-nuoret", ["publicUrl"] = "https://hyvaks.example.fi/opiskeluhuoltosuunnitelma",
        });
        await replay.App.RunBackgroundAsync();

        // Everyone concerned hears the decision once, in their language, with the plan's public address.
        var announced = replay.New("Aluevaltuusto hyväksyi suunnitelman").Concat(replay.New("Välfärdsområdesfullmäktige godkände planen")).ToList();
        var recipients = announced.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(recipients.Count, recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("kirsi.lampinen@example.fi", recipients);
        Assert.True(recipients.Count >= 28, $"{recipients.Count} announcements");
        Assert.StartsWith("Välfärdsområdesfullmäktige godkände planen", announced.Single(m => m.To.Mailboxes.Single().Address == "erik.holmstrom@example.fi").Subject, StringComparison.Ordinal);
        Assert.All(announced, m => Assert.Contains("https://hyvaks.example.fi/opiskeluhuoltosuunnitelma", m.TextBody, StringComparison.Ordinal));
        Assert.All(announced, m => Assert.Contains("§ 98", m.TextBody, StringComparison.Ordinal));
        Assert.NotEmpty(replay.New("Uusi tehtävä: Vahvista, että paikallinen opiskeluhuoltosuunnitelma on tarkistettu"));

        // The cycle keeps the three versions and the decisions; the council's names the version it approved.
        var records = await replay.App.Services.GetRequiredService<CycleRecordStore>().ListAsync(id);
        Assert.Equal(["https://hyvaks.example.fi/opiskeluhuoltosuunnitelma-luonnos.pdf", "https://hyvaks.example.fi/luonnos-v2.pdf", "https://hyvaks.example.fi/luonnos-v3.pdf"],
            records.Where(r => r.Kind == "Document").Select(r => r["documentUrl"]));
        Assert.Equal(["committee", "board", "council"], records.Where(r => r.Kind == "Decision").Select(r => r["body"]));
        var councilRecord = records.Single(r => r.Kind == "Decision" && r["body"] == "council");
        Assert.Equal(("98", "2023-12-18", "Approved"), (councilRecord["section"], councilRecord["meetingDate"], councilRecord["outcome"]));
        Assert.Equal(3, councilRecord.Data["documentVersion"]!.GetValue<int>());
        Assert.Single(records, r => r.Kind == "Attachment");
    }
}
