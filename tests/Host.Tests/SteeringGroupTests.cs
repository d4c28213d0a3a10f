using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// A municipal steering group's year (OHL 14 §) from the shipped demo file and workflows: the working committee's
/// chair and secretary in turn prepare the agenda, everyone invited gets a calendar invitation in their language (the
/// extended network with its extra members twice a year), the secretary writes the notes and the chair checks them.
/// </summary>
public sealed class SteeringGroupTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    [Fact]
    public async Task SteeringGroupYear_RotatesChairAndSecretary_InvitesTheExtendedNetwork_NotesAreWrittenAndChecked()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["RateLimits:LinksPerMinute"] = "100000",
        }, start: new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero));
        using var admin = app.Admin();
        using var browser = app.CreateClient();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "steering-group.json"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/directory/import", TestApp.Json(file))).StatusCode);

        var bad = await admin.PostJsonAsync("/api/steering-groups", new JsonObject { ["dataset"] = "keski-suomi-2023" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var started = await admin.PostJsonAsync("/api/steering-groups", new JsonObject { ["dataset"] = "steering-group-esimerkkila" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.JsonAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync("/api/steering-groups", new JsonObject { ["dataset"] = "steering-group-esimerkkila" })).StatusCode);

        // 24.1.2024: the working committee's chair and secretary in turn prepare the agenda; the 11 members are invited.
        await app.RunUntilAsync(Local(2024, 1, 24, 12));
        var agenda = sink.Messages.Where(m => m.IsAbout("Uusi tehtävä:", "Valmistele esityslista: Opiskeluhuollon ohjausryhmän kokous 7.2.2024")).ToList();
        Assert.Equal(["helena.vuorinen@example.fi", "matti.kangasniemi@example.fi"], agenda.Select(m => m.To.Mailboxes.Single().Address).Order());
        var invitations = sink.Messages.Where(m => m.Subject!.StartsWith("Kutsu: Opiskeluhuollon ohjausryhmän kokous", StringComparison.Ordinal) || m.Subject!.StartsWith("Kallelse:", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, invitations.Count);
        Assert.StartsWith("Kallelse: Möte: Styrgrupp för elevhälsan", invitations.Single(m => m.To.Mailboxes.Single().Address == "maria.soderberg@example.org").Subject, StringComparison.Ordinal);
        Assert.All(invitations, m => Assert.Contains(m.Attachments, a => a.ContentType.MimeType == "text/calendar"));
        await ApprovalFlowTests.AnswerAsync(browser, agenda[0], "Merkitse tehdyksi", "Done");

        // After the meeting the secretary writes the notes and the chair checks them.
        await app.RunUntilAsync(Local(2024, 2, 8, 12));
        var notes = Assert.Single(sink.Messages, m => m.IsAbout("Uusi tehtävä:", "Laadi muistio: Opiskeluhuollon ohjausryhmän kokous 2024-02-07"));
        Assert.Equal("helena.vuorinen@example.fi", notes.To.Mailboxes.Single().Address);
        await ApprovalFlowTests.AnswerAsync(browser, notes, "Merkitse tehdyksi", "Done", "https://esimerkkila.example.fi/ohjausryhma/muistio-2024-02-07.pdf");
        await app.RunBackgroundAsync();
        var check = Assert.Single(sink.Messages, m => m.IsAbout("Hyväksyntäpyyntö:", "Tarkista muistio"));
        Assert.Equal("matti.kangasniemi@example.fi", check.To.Mailboxes.Single().Address);
        await ApprovalFlowTests.AnswerAsync(browser, check, "Hyväksy", "Approved");

        // The extended network (17.4.2024) invites the 9 extra members too; the chair turns to the social work director.
        await app.RunUntilAsync(Local(2024, 4, 3, 12));
        var extended = sink.Messages.Where(m => m.Subject!.StartsWith("Kutsu: Lasten ja nuorten moniammatillisen yhteistyön ohjausryhmä", StringComparison.Ordinal)).ToList();
        Assert.Equal(19, extended.Count);
        Assert.Equal(["helena.vuorinen@example.fi", "jaana.koivisto@example.fi"],
            sink.Messages.Where(m => m.IsAbout("Uusi tehtävä:", "Valmistele esityslista: Lasten ja nuorten")).Select(m => m.To.Mailboxes.Single().Address).Order());

        var dashboard = await (await admin.GetAsync($"/api/cycles/{id}")).JsonAsync();
        Assert.Equal(8, dashboard["meetings"]!.AsArray().Count);
        Assert.True(dashboard["meetings"]![0]!["held"]!.GetValue<bool>());
        Assert.Empty(dashboard["phases"]!.AsArray());
        Assert.All(sink.Messages, m => Assert.True(app.Services.GetService(typeof(Planning.Calendar.FinnishBusinessCalendar)) is Planning.Calendar.FinnishBusinessCalendar c
            && c.IsWorkingDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.Date, Helsinki).DateTime)), m.Subject));
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour) =>
        new(new DateTime(year, month, day, hour, 0, 0), Helsinki.GetUtcOffset(new DateTime(year, month, day, hour, 0, 0)));
}
