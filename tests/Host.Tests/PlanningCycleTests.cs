using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>
/// Replays the Keski-Suomi 2023 planning cycle from the shipped demo data with the shipped workflows on a fake clock:
/// every mail reaches a real SMTP server on a Finnish working day in office hours, in the recipient's language;
/// participants answer through the links in their mail; the dashboard follows each step.
/// </summary>
public sealed partial class PlanningCycleTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    private sealed class Replay : IAsyncDisposable
    {
        public required SmtpSink Sink { get; init; }

        public required TestApp App { get; init; }

        public required HttpClient Admin { get; init; }

        public required HttpClient Browser { get; init; }

        public FinnishBusinessCalendar Calendar => App.Services.GetRequiredService<FinnishBusinessCalendar>();

        /// <summary>Messages already handled by the test (answered or checked).</summary>
        public HashSet<MimeMessage> Seen { get; } = [];

        /// <summary>Runs every timer due up to <paramref name="until"/>, each at its own time.</summary>
        public Task RunUntilAsync(DateTimeOffset until) => App.RunUntilAsync(until);

        public async Task<JsonNode> DashboardAsync(string id)
        {
            var response = await Admin.GetAsync($"/api/cycles/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.JsonAsync();
        }

        public static string Phase(JsonNode dashboard, string key) =>
            dashboard["phases"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == key)!["state"]!.GetValue<string>();

        /// <summary>
        /// New (not yet seen) mails of a kind about a matter, written as "Kind: matter": the subject starts with
        /// "Kind:" and names the matter after its dash ("Uusi tehtävä: määräaika … – Nimeä …"), or simply starts with the
        /// whole text ("Kutsu: Kokous …").
        /// </summary>
        public List<MimeMessage> New(string prefix)
        {
            var colon = prefix.IndexOf(": ", StringComparison.Ordinal);
            var (kind, matter) = colon < 0 ? (prefix, "") : (prefix[..(colon + 1)], prefix[(colon + 2)..]);
            bool Matches(string subject) => subject.StartsWith(prefix, StringComparison.Ordinal)
                || (subject.StartsWith(kind, StringComparison.Ordinal) && (matter.Length == 0 || subject.Contains(" – " + matter, StringComparison.Ordinal)));
            var found = Sink.Messages.Where(m => !Seen.Contains(m) && Matches(m.Subject ?? "")).ToList();
            Seen.UnionWith(found);
            return found;
        }

        /// <summary>Replies to a meeting invitation through its link (GET confirm page, POST form).</summary>
        public async Task AnswerMeetingAsync(MimeMessage message, string linkText, string response)
        {
            var link = MeetingLinks().Matches(message.HtmlBody!).Where(m => WebUtility.HtmlDecode(m.Groups[2].Value) == linkText).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).First();
            var path = new Uri(link).PathAndQuery;
            var fields = await ApprovalFlowTests.HiddenFieldsAsync(Browser, path);
            fields["response"] = response;
            var posted = await Browser.PostAsync("/meetings/respond", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        /// <summary>Answers through the link in a mail, as the recipient's browser would (GET confirm page, POST form).</summary>
        public Task AnswerAsync(MimeMessage message, string linkText, string decision, string comment = "", IReadOnlyDictionary<string, string>? record = null) =>
            ApprovalFlowTests.AnswerAsync(Browser, message, linkText, decision, comment, record);

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            Browser.Dispose();
            await App.DisposeAsync();
            await Sink.DisposeAsync();
        }
    }

    private static Task<(Replay Replay, string CycleId)> StartKeskiSuomiAsync() => StartRegionAsync("keski-suomi-2023");

    private static async Task<(Replay Replay, string CycleId)> StartRegionAsync(string dataset)
    {
        var sink = new SmtpSink();
        var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["RateLimits:LinksPerMinute"] = "100000",
        }, start: new DateTimeOffset(2023, 2, 1, 8, 0, 0, TimeSpan.Zero));
        var replay = new Replay { Sink = sink, App = app, Admin = app.Admin(), Browser = app.CreateClient() };
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", $"{dataset}.json"));
        Assert.Equal(HttpStatusCode.OK, (await replay.Admin.PostAsync("/api/directory/import", TestApp.Json(file))).StatusCode);
        var body = new JsonObject { ["dataset"] = dataset, ["planUrl"] = "https://hyvaks.example.fi/opiskeluhuoltosuunnitelma-luonnos.pdf" };
        var started = await replay.Admin.PostJsonAsync("/api/cycles", body);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (replay, (await started.JsonAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_ListsEveryDeadlineAndMail_OnWorkingDays_AndNamesBadFields()
    {
        var (replay, _) = await StartKeskiSuomiAsync();
        await using var _ = replay;

        var preview = await replay.Admin.PostJsonAsync("/api/cycles/preview", new JsonObject { ["dataset"] = "keski-suomi-2023" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var json = await preview.JsonAsync();
        Assert.Equal(8, json["schedule"]!.AsArray().Count(i => i!["kind"]!.GetValue<string>() == "Meeting" && i["phase"]!.GetValue<string>() == "municipal-tour"));
        foreach (var item in json["schedule"]!.AsArray())
        {
            var at = item!["at"]!.GetValue<DateTimeOffset>();
            if (item["kind"]!.GetValue<string>() is "Invitation" or "Reminder" or "MeetingReminder" or "Deadline")
                Assert.True(replay.Calendar.IsWorkingDay(replay.Calendar.LocalDate(at)), $"{item["kind"]} {item["title"]} falls on {at:d.M.yyyy}");
        }

        // Tour stop 1 (Thu 17.8.2023): invitation 21 days before is Thu 27.7.2023 at 9.00.
        var invitation = json["schedule"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "Invitation" && i["title"]!.GetValue<string>().Contains("1/8", StringComparison.Ordinal))!;
        Assert.Equal("27.7.2023", invitation["date"]!.GetValue<string>());
        // July invitations are flagged (not refused), and a deadline in the autumn break; ordinary days are not.
        var july = json["schedule"]!.AsArray().Where(i => i!["warning"]?.GetValue<string>() == "july").ToList();
        Assert.Contains(july, i => i!["kind"]!.GetValue<string>() == "Invitation" && i["title"]!.GetValue<string>().Contains("1/8", StringComparison.Ordinal));
        Assert.All(july, i => Assert.Equal(7, i!["at"]!.GetValue<DateTimeOffset>().Month));
        string? WarningOf(string phase) => json["schedule"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "Deadline" && i["phase"]!.GetValue<string>() == phase)!["warning"]?.GetValue<string>();
        Assert.Equal("autumnBreak", WarningOf("consultation")); // Fri 20.10.2023 is in week 42
        Assert.Null(WarningOf("drafting"));
        Assert.Contains(json["schedule"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "DecisionMeeting" && i["title"]!.GetValue<string>().StartsWith("aluevaltuusto", StringComparison.Ordinal));

        var unknown = await replay.Admin.PostJsonAsync("/api/cycles/preview", new JsonObject { ["dataset"] = "ei-ole" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["dataset"]);
        var badDate = await replay.Admin.PostJsonAsync("/api/cycles/preview", JsonNode.Parse("""{"dataset":"keski-suomi-2023","phases":{"consultation":{"deadline":"20.10.2023"}}}""")!);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.NotNull((await badDate.JsonAsync())["errors"]!["phases.consultation.deadline"]);
        var again = await replay.Admin.PostJsonAsync("/api/cycles", new JsonObject { ["dataset"] = "keski-suomi-2023" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Coordinator_RemindsNow_ExtendsTheDeadline_AndCancels()
    {
        var (replay, id) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        await replay.RunUntilAsync(Local(2023, 2, 20, 12));
        Assert.Single(replay.New("Uusi tehtävä: Nimeä"));
        var request = (await replay.DashboardAsync(id))["openRequests"]!.AsArray().Single()!;
        var swedish = await (await replay.Admin.GetAsync($"/api/cycles/{id}?lang=sv")).JsonAsync();
        Assert.Equal("Mellersta Finlands regionala elevhälsoplan 2023–2025", swedish["name"]!.GetValue<string>());
        Assert.Equal("Utnämning av medlemmar och ersättare", swedish["phases"]![0]!["name"]!.GetValue<string>());
        Assert.StartsWith("Utse samarbetsgruppens medlemmar och ersättare", swedish["openRequests"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var requestId = request["requestId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NoContent, (await replay.Admin.PostEmptyAsync($"/api/cycles/{id}/requests/{requestId}/remind")).StatusCode);
        await replay.App.RunBackgroundAsync();
        Assert.Single(replay.New("Muistutus: Nimeä yhteistyöryhmän jäsenet"));
        Assert.NotNull((await replay.DashboardAsync(id))["openRequests"]![0]!["lastReminderAt"]);

        var past = await replay.Admin.PostJsonAsync($"/api/cycles/{id}/requests/{requestId}/extend", new JsonObject { ["dueAt"] = "2023-01-10" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.NotNull((await past.JsonAsync())["errors"]!["dueAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Admin.PostEmptyAsync($"/api/cycles/{id}/requests/nope/remind")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/requests/{requestId}/extend", new JsonObject { ["dueAt"] = "2023-04-14" })).StatusCode);
        var moved = (await replay.DashboardAsync(id))["openRequests"]![0]!;
        Assert.Equal(new DateTimeOffset(2023, 4, 14, 16, 0, 0, TimeSpan.FromHours(3)), moved["dueAt"]!.GetValue<DateTimeOffset>());

        // The old deadline (24.3.) passes quietly; reminders come 7 and 2 days before the new one.
        await replay.RunUntilAsync(Local(2023, 4, 13, 12));
        var reminders = replay.New("Muistutus: Nimeä yhteistyöryhmän jäsenet");
        Assert.Equal(["6.4.2023", "12.4.2023"], reminders.Select(m => TimeZoneInfo.ConvertTime(m.Date, Helsinki).ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(replay.New("Vastauksia puuttuu"));

        Assert.Equal(HttpStatusCode.NoContent, (await replay.Admin.PostEmptyAsync($"/api/cycles/{id}/cancel")).StatusCode);
        Assert.Equal("Cancelled", (await replay.DashboardAsync(id))["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeskiSuomi2023_ReplaysFromNominationsToFirstFollowUp()
    {
        var (replay, id) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        var helsinki = (DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Helsinki);

        // Phase 0: the coordinator (Eeva Salminen, the group's secretary) is asked to name the members on 20.2.2023.
        await replay.RunUntilAsync(Local(2023, 2, 20, 12));
        var nominations = Assert.Single(replay.New("Uusi tehtävä: Nimeä yhteistyöryhmän jäsenet"));
        Assert.Equal("eeva.salminen@example.fi", nominations.To.Mailboxes.Single().Address);
        Assert.Equal("Active", Replay.Phase(await replay.DashboardAsync(id), "nominations"));
        await replay.AnswerAsync(nominations, "Merkitse tehdyksi", "Done");
        await replay.App.RunBackgroundAsync();
        Assert.Equal("Done", Replay.Phase(await replay.DashboardAsync(id), "nominations"));

        // Kickoff 20.4.2023: members are invited 14 days before (Thu 6.4.2023) with a calendar entry.
        await replay.RunUntilAsync(Local(2023, 4, 6, 12));
        var kickoff = replay.New("Kutsu: Alueellisen opiskeluhuollon yhteistyöryhmän 1. kokous");
        Assert.Equal(15, kickoff.Count);
        Assert.All(kickoff, m => Assert.Contains(m.Attachments, a => a.ContentType.MimeType == "text/calendar"));

        // Members reply through the links: one cannot come, so her deputy is invited at once; ten confirm.
        var raija = kickoff.Single(m => m.To.Mailboxes.Single().Address == "raija.hamalainen@example.fi");
        await replay.AnswerMeetingAsync(raija, "En pääse", "NotAttending");
        await replay.App.RunBackgroundAsync();
        Assert.Equal("olli.vainikainen@example.fi", Assert.Single(replay.New("Kutsu: Alueellisen opiskeluhuollon yhteistyöryhmän 1. kokous")).To.Mailboxes.Single().Address);
        foreach (var message in kickoff.Where(m => m != raija).Take(10)) await replay.AnswerMeetingAsync(message, "Osallistun", "Attending");
        var meeting = (await replay.DashboardAsync(id))["meetings"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "mtg-ks-2023-04-20")!;
        Assert.Equal(10, meeting["attending"]!.GetValue<int>());
        Assert.Equal(1, meeting["notAttending"]!.GetValue<int>());

        // Two working days before the meeting (Tue 18.4.2023) the deputies of the four members who have not replied are invited.
        await replay.RunUntilAsync(Local(2023, 4, 18, 12));
        var deputies = replay.New("Kutsu: Alueellisen opiskeluhuollon yhteistyöryhmän 1. kokous").Concat(replay.New("Kallelse: Den regionala samarbetsgruppens för elevhälsa 1:a möte")).ToList();
        Assert.Equal(4, deputies.Count);
        Assert.Contains(deputies, m => m.To.Mailboxes.Single().Address == "annamaria.forsman@example.fi"); // a Swedish-speaking deputy gets the Swedish invitation
        Assert.All(deputies, m => Assert.Equal(new DateOnly(2023, 4, 18), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.Date, Helsinki).DateTime)));

        // Inputs (24.4.–16.6.): providers are asked; nobody answers, the phase times out and the cycle goes on.
        await replay.RunUntilAsync(Local(2023, 4, 24, 12));
        var inputs = replay.New("Uusi tehtävä: Toimita opiskeluhuoltosuunnitelmanne");
        Assert.Equal(12, inputs.Count);
        Assert.Equal("erik.holmstrom@example.fi", Assert.Single(replay.New("Ny uppgift: Skicka er elevhälsoplan")).To.Mailboxes.Single().Address);

        // Municipal tour: 8 meetings, each invitation 21 days before; Erik Holmström (sv) is invited in Swedish? He is not on the tour.
        await replay.RunUntilAsync(Local(2023, 8, 21, 12));
        var inputsMissing = Assert.Single(replay.New("Vastauksia puuttuu: Toimita opiskeluhuoltosuunnitelmanne"));
        Assert.Equal("eeva.salminen@example.fi", inputsMissing.To.Mailboxes.Single().Address);
        Assert.Contains("Yksityiskoulu Koivurinne", inputsMissing.HtmlBody ?? "", StringComparison.Ordinal);
        var tour = replay.New("Kutsu: Opiskeluhuollon kuntakierros");
        Assert.True(tour.Count >= 8, $"{tour.Count} tour invitations");
        var drafting = Assert.Single(replay.New("Uusi tehtävä: Laadi suunnitelmaluonnos"));
        await AnswerWithoutTheDraftIsRefusedAsync(replay, drafting);
        await replay.AnswerAsync(drafting, "Merkitse tehdyksi", "Done", record: new Dictionary<string, string> { ["documentUrl"] = "https://hyvaks.example.fi/luonnos-v2.pdf" });

        // Consultation (25.9.–20.10.): statement requests in each one's language to the 13 providers and, as group members
        // by law, the youth council, the parents' association and the two staff representatives; most answer through the link.
        await replay.RunUntilAsync(Local(2023, 9, 25, 12));
        var statements = replay.New("Lausuntopyyntö:").Concat(replay.New("Begäran om utlåtande:")).ToList();
        Assert.Equal(17, statements.Count);
        Assert.Contains(statements, m => m.To.Mailboxes.Single().Address == "aada.toivonen@example.org"); // the youth council's member
        Assert.All(statements, m => Assert.Contains("https://hyvaks.example.fi/luonnos-v2.pdf", m.HtmlBody ?? "", StringComparison.Ordinal)); // the version drafting supplied
        var swedish = Assert.Single(statements, m => m.Subject!.StartsWith("Begäran om utlåtande:", StringComparison.Ordinal));
        Assert.Equal("Begäran om utlåtande: svara senast fre 20.10.2023 – Utkast till planen: Mellersta Finlands regionala elevhälsoplan 2023–2025", swedish.Subject);
        Assert.Equal("erik.holmstrom@example.fi", swedish.To.Mailboxes.Single().Address);
        await replay.AnswerAsync(swedish, "Lämna utlåtande", "Submitted", "Vi stöder planen.");
        foreach (var message in statements.Where(m => m != swedish).Take(10))
            await replay.AnswerAsync(message, "Anna lausunto", "Submitted", "Lausuntomme on liitteenä: https://kunta.example.fi/lausunto.pdf");
        var consulting = await replay.DashboardAsync(id);
        var open = consulting["openRequests"]!.AsArray().Single(r => r!["kind"]!.GetValue<string>() == "Statement")!;
        Assert.Equal(11, open["answered"]!.GetValue<int>());
        Assert.Equal(17, open["asked"]!.GetValue<int>());

        // The six silent ones get reminders 7 and 2 days before the deadline (Fri 13.10. and Wed 18.10.), then the phase
        // times out and the coordinator hears who did not answer.
        await replay.RunUntilAsync(Local(2023, 10, 23, 12));
        Assert.Equal(6, replay.New("Muistutus:").Count(m => m.Subject!.Contains("Suunnitelmaluonnos", StringComparison.Ordinal) && helsinki(m.Date).Day == 13));
        Assert.Single(replay.New("Vastauksia puuttuu: Suunnitelmaluonnos"));
        Assert.Equal("Done", Replay.Phase(await replay.DashboardAsync(id), "consultation"));

        await GroupDecidesAtItsMeetingsAsync(replay, id);

        await CountyDecidesAsync(replay, id);

        // First yearly follow-up (autumn 2024): evaluation requests go out on 19.8.2024.
        await replay.RunUntilAsync(Local(2024, 8, 19, 12));
        var followUp = replay.New("Lausuntopyyntö: Seuranta-arviointi").Concat(replay.New("Begäran om utlåtande: Uppföljande utvärdering")).ToList();
        Assert.Equal(13, followUp.Count);
        var dashboard = await replay.DashboardAsync(id);
        Assert.Equal("Done", Replay.Phase(dashboard, "county-decision"));
        Assert.Equal("Done", Replay.Phase(dashboard, "align-local-plans"));
        Assert.Equal("Active", Replay.Phase(dashboard, "follow-up-2024"));
        Assert.Equal("Upcoming", Replay.Phase(dashboard, "follow-up-2025"));
        Assert.Single(dashboard["openRequests"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "Statement");
        Assert.Equal("Upcoming", Replay.Phase(dashboard, "restart"));
        Assert.Equal("Done", Replay.Phase(dashboard, "kickoff"));
        Assert.Equal("Done", Replay.Phase(dashboard, "municipal-tour"));
        Assert.True(dashboard["meetings"]!.AsArray().Count(m => m!["held"]!.GetValue<bool>()) >= 12);

        await FollowUpAtTheGroupsMeetingAsync(replay, id);
        await NextTermAsync(replay, id);

        // Every mail so far went out on a Finnish working day in office hours, to the recipient in their language.
        Assert.All(replay.Sink.Messages, m =>
        {
            var local = helsinki(m.Date);
            Assert.True(replay.Calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)), $"{m.Subject} sent on {local:d.M.yyyy}");
            Assert.InRange(local.Hour, 8, 17);
        });
        Assert.All(replay.Sink.Messages.Where(m => m.To.Mailboxes.Single().Address == "erik.holmstrom@example.fi"),
            m => Assert.DoesNotContain("Hyvä ", m.HtmlBody ?? "", StringComparison.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<a href=""(https://opiskeluhuolto\.test/meetings/respond\?t=[^""]+)""[^>]*>([^<]+)</a>")]
    private static partial System.Text.RegularExpressions.Regex MeetingLinks();

    private static DateTimeOffset Local(int year, int month, int day, int hour) =>
        new(new DateTime(year, month, day, hour, 0, 0), Helsinki.GetUtcOffset(new DateTime(year, month, day, hour, 0, 0)));
}
