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
        Assert.Equal(4, dashboard["meetings"]!.AsArray().Count); // the year 2024; 2025 is planned when 2024 ends
        Assert.True(dashboard["meetings"]![0]!["held"]!.GetValue<bool>());
        Assert.Empty(dashboard["phases"]!.AsArray());
        Assert.All(sink.Messages, m => Assert.True(app.Services.GetService(typeof(Planning.Calendar.FinnishBusinessCalendar)) is Planning.Calendar.FinnishBusinessCalendar c
            && c.IsWorkingDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.Date, Helsinki).DateTime)), m.Subject));
    }

    [Fact]
    public async Task TheYearRollsIntoTheNext_WithTheRotationCarriedOn_AndTheYearsTasksHaveOwners()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        }, start: new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero));
        using var admin = app.Admin();
        // A working committee of three takes turns: four meetings a year, so 2025 starts with the second in turn.
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "steering-group.json")))!.AsObject();
        file["workingCommittee"]!["rotation"]!["order"] = new JsonArray("p-sg-01", "p-sg-02", "p-sg-03");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/directory/import", TestApp.Json(file.ToJsonString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/steering-groups", new JsonObject { ["dataset"] = "steering-group-esimerkkila" })).StatusCode);

        // The year's tasks go to their owners: the evaluation report to the wellbeing director before the last meeting.
        await app.RunUntilAsync(Local(2024, 10, 1, 12));
        var evaluation = Assert.Single(sink.Messages, m => m.IsAbout("Uusi tehtävä:", "Vuoden arviointiraportti ohjausryhmälle 2024"));
        Assert.Equal("jaana.koivisto@example.fi", evaluation.To.Mailboxes.Single().Address);
        Assert.Equal("matti.kangasniemi@example.fi", Assert.Single(sink.Messages, m => m.IsAbout("Uusi tehtävä:", "Henkilöstön koulutustarpeiden kartoitus 2024")).To.Mailboxes.Single().Address);
        var chairs2024 = sink.Messages.Where(m => m.IsAbout("Uusi tehtävä:", "Valmistele esityslista")).Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(6, chairs2024.Count); // chair and secretary of the first three meetings: 01+02, 02+03, 03+01

        // 2024 ends; 2025 starts by itself with the file's 2025 meetings, correlated with the same group.
        await app.RunUntilAsync(Local(2025, 1, 23, 12));
        var years = (await (await admin.GetAsync("/api/cycles")).JsonAsync())["items"]!.AsArray().Where(c => c!["kind"]!.GetValue<string>() == "steeringGroup").ToList();
        Assert.Equal(2, years.Count);
        Assert.Equal(["Finished", "Running"], years.Select(y => y!["status"]!.GetValue<string>()).Order());
        Assert.All(years, y => Assert.Equal("sg-esimerkkila", y!["cycle"]!.GetValue<string>()));
        var running = years.Single(y => y!["status"]!.GetValue<string>() == "Running")!;
        Assert.EndsWith("2025", running["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var agenda = sink.Messages.Where(m => m.IsAbout("Uusi tehtävä:", "Valmistele esityslista: Opiskeluhuollon ohjausryhmän kokous 5.2.2025")).Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(["helena.vuorinen@example.fi", "jaana.koivisto@example.fi"], agenda); // the fifth turn: 02 chairs, 03 keeps the notes
        var dashboard = await (await admin.GetAsync($"/api/cycles/{running["id"]!.GetValue<string>()}")).JsonAsync();
        Assert.Equal(4, dashboard["meetings"]!.AsArray().Count);
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour) =>
        new(new DateTime(year, month, day, hour, 0, 0), Helsinki.GetUtcOffset(new DateTime(year, month, day, hour, 0, 0)));
}
