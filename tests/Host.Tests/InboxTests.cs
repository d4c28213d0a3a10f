using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Approvals;
using Opiskeluhuolto.Planning.Calendar;
using static Opiskeluhuolto.Host.Tests.ApprovalFlowTests;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class InboxTests
{
    private static string InboxLink(MimeKit.MimeMessage message) => new Uri(WebUtility.HtmlDecode(InboxHref().Match(message.HtmlBody!).Groups[1].Value)).PathAndQuery;

    private static async Task<HttpResponseMessage> RequestLinkAsync(HttpClient browser, string email)
    {
        var fields = await HiddenFieldsAsync(browser, "/approvals/inbox?lang=fi");
        fields["email"] = email;
        return await browser.PostAsync("/approvals/inbox", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Inbox_FromTheApprovalMail_ListsTheOpenTaskWithWorkingDayCountdown_DecidingMovesItToRecent()
    {
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        var fi = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "puheenjohtaja@pohde.example");
        var inbox = InboxLink(fi);
        using var browser = app.CreateClient();

        var page = await browser.GetAsync(inbox);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fi\">", html, StringComparison.Ordinal);
        Assert.Contains("Alueellinen opiskeluhuoltosuunnitelma 2023–2025", html, StringComparison.Ordinal);
        Assert.Contains("Approve plan", html, StringComparison.Ordinal);
        Assert.Contains("16.11.2026", html, StringComparison.Ordinal);
        Assert.Contains("10 työpäivää jäljellä", html, StringComparison.Ordinal);
        Assert.Contains("Odottaa päätöstäsi (1)", html, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromDays(7)); // Monday 9.11: five working days left
        html = WebUtility.HtmlDecode(await browser.GetStringAsync(inbox));
        Assert.Contains("5 työpäivää jäljellä", html, StringComparison.Ordinal);

        var decide = DecideHref().Match(await browser.GetStringAsync(inbox)).Groups[1].Value;
        var decided = await PostFormAsync(browser, "/approvals/" + WebUtility.HtmlDecode(decide), "ChangesRequested", "Lisätkää ruotsinkielinen tiivistelmä.");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        html = WebUtility.HtmlDecode(await browser.GetStringAsync(inbox));
        Assert.Contains("Sinulla ei ole avoimia tehtäviä.", html, StringComparison.Ordinal);
        Assert.Contains("Viimeaikaiset päätöksesi", html, StringComparison.Ordinal);
        Assert.Contains("Muutoksia pyydetty", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_GetNeverActs_AndTheSwedishMemberSeesOnlyTheirOwnSeat()
    {
        var (sink, app, instanceId) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        var sv = sink.Messages.Single(m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example");
        using var browser = app.CreateClient();
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(InboxLink(sv)));
        Assert.Contains("<html lang=\"sv\">", html, StringComparison.Ordinal);
        Assert.Contains("Väntar på ditt beslut (1)", html, StringComparison.Ordinal);
        Assert.Contains("10 arbetsdagar kvar", html, StringComparison.Ordinal);
        Assert.Single(DecideHref().Matches(html));

        using var admin = app.Admin();
        var instance = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync();
        Assert.Equal("Running", instance["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task FreshLink_KnownAddressGetsAMail_UnknownAddressGetsTheSameAnswerAndNoMail()
    {
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        using var browser = app.CreateClient();
        Assert.Equal(2, sink.Messages.Count);

        var known = await RequestLinkAsync(browser, "Puheenjohtaja@pohde.example");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var knownHtml = await known.Content.ReadAsStringAsync();
        await app.RunBackgroundAsync();
        Assert.Equal(3, sink.Messages.Count);
        var mail = sink.Messages[2];
        Assert.Equal("Linkki tehtäviisi", mail.Subject);
        Assert.Contains("Hei Pia Puheenjohtaja,", mail.TextBody ?? WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
        var fresh = await browser.GetStringAsync(InboxLink(mail));
        Assert.Contains("Alueellinen opiskeluhuoltosuunnitelma", WebUtility.HtmlDecode(fresh), StringComparison.Ordinal);

        var unknown = await RequestLinkAsync(browser, "ei.ole@olemassa.example");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(knownHtml, await unknown.Content.ReadAsStringAsync());
        await app.RunBackgroundAsync();
        Assert.Equal(3, sink.Messages.Count);

        // Asked again within 15 minutes (the answer unchanged): no second mail; after them, one more.
        app.Time.Advance(TimeSpan.FromMinutes(14));
        var again = await RequestLinkAsync(browser, "puheenjohtaja@pohde.example");
        Assert.Equal(knownHtml, await again.Content.ReadAsStringAsync());
        await app.RunBackgroundAsync();
        Assert.Equal(3, sink.Messages.Count);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await RequestLinkAsync(browser, "puheenjohtaja@pohde.example");
        await app.RunBackgroundAsync();
        Assert.Equal(4, sink.Messages.Count);
    }

    [Fact]
    public async Task FreshLink_IsLookedUpInTheSeatIndex_AnUnknownAddressReadsNoInstanceState()
    {
        // Listening from the start: EF Core decides for a while whether anyone listens to its commands.
        using var commands = new CommandLog();
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        using var browser = app.CreateClient();
        var known = await (await RequestLinkAsync(browser, "puheenjohtaja@pohde.example")).Content.ReadAsStringAsync();

        // 'p_heenjohtaja' would match the running instance's 'puheenjohtaja@…' state with '_' as a LIKE wildcard.
        commands.Start(app.DataFolder);
        var unknown = await RequestLinkAsync(browser, "p_heenjohtaja@pohde.example");
        var executed = commands.Texts();

        Assert.Equal(known, await unknown.Content.ReadAsStringAsync());
        Assert.Contains(executed, c => c.Contains("\"ApprovalSeats\"", StringComparison.Ordinal));
        Assert.DoesNotContain(executed, c => c.Contains("\"WorkflowInstances\"", StringComparison.Ordinal));
        await app.RunBackgroundAsync();
        Assert.Equal(3, sink.Messages.Count); // the two approval mails and the one inbox link
    }

    /// <summary>The SQL that EF Core runs against one test's database, read from its diagnostic events.</summary>
    private sealed class CommandLog : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<string> _texts = [];
        private readonly List<IDisposable> _subscriptions = [];
        private string? _folder;

        public CommandLog() => _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));

        /// <summary>Records from now on the commands against the database in <paramref name="folder"/>.</summary>
        public void Start(string folder)
        {
            lock (_texts)
            {
                _texts.Clear();
                _folder = folder;
            }
        }

        public List<string> Texts()
        {
            lock (_texts) return [.. _texts];
        }

        public void OnNext(System.Diagnostics.DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore") lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is not Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data || !value.Key.EndsWith("CommandExecuting", StringComparison.Ordinal)) return;
            lock (_texts)
            {
                if (_folder is not null && data.Command.Connection?.DataSource?.Contains(_folder, StringComparison.Ordinal) == true) _texts.Add(data.Command.CommandText);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task FreshLink_BadAddress_Is400NamingTheField_AndMissingAntiforgeryIsRefused()
    {
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        using var browser = app.CreateClient();

        var bad = await RequestLinkAsync(browser, "not an address");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"email-error\"", html, StringComparison.Ordinal);

        var forged = await browser.PostAsync("/approvals/inbox", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "puheenjohtaja@pohde.example" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await app.RunBackgroundAsync();
        Assert.Equal(2, sink.Messages.Count);
    }

    [Fact]
    public async Task Inbox_TamperedAndExpiredLinks_OfferTheFreshLinkForm()
    {
        var (sink, app, _) = await StartAsync();
        await using var __ = sink;
        await using var ___ = app;
        var inbox = InboxLink(sink.Messages[0]);
        using var browser = app.CreateClient();

        var tampered = await browser.GetAsync(inbox[..^8] + "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Gone, tampered.StatusCode);
        Assert.Contains("name=\"email\"", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var decisionToken = new Uri(Link(sink.Messages[0], "Approved")).Query;
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync("/approvals/inbox" + decisionToken)).StatusCode);

        app.Time.Advance(TimeSpan.FromDays(31));
        var expired = await browser.GetAsync(inbox);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Theory]
    [InlineData("2027-01-04T09:00:00+02:00", "2027-01-08T16:00:00+02:00", "fi", "3 työpäivää jäljellä")] // Epiphany, Wednesday 6.1.2027, is off
    [InlineData("2026-12-22T09:00:00+02:00", "2026-12-28T16:00:00+02:00", "sv", "2 arbetsdagar kvar")] // 23.12 and 28.12; Christmas Eve, Christmas, Boxing Day off
    [InlineData("2026-11-16T09:00:00+02:00", "2026-11-16T16:00:00+02:00", "en", "The deadline is today")]
    [InlineData("2026-11-16T17:00:00+02:00", "2026-11-16T16:00:00+02:00", "en", "Overdue by 1 working day")]
    [InlineData("2026-11-18T09:00:00+02:00", "2026-11-16T16:00:00+02:00", "fi", "Myöhässä 2 työpäivää")]
    [InlineData("2026-11-13T09:00:00+02:00", "2026-11-16T16:00:00+02:00", "sv", "1 arbetsdag kvar")]
    public void Countdown_CountsFinnishWorkingDays(string now, string due, string language, string expected)
    {
        var calendar = new FinnishBusinessCalendar(Options.Create(new CalendarOptions()));
        Assert.Equal(expected, InboxPages.Countdown(language, calendar, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/inbox\?t=[^""]+)""")]
    private static partial Regex InboxHref();

    [GeneratedRegex(@"href=""(decide\?t=[^""]+)""")]
    private static partial Regex DecideHref();
}
