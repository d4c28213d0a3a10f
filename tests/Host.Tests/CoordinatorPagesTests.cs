using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The coordinator's workspace through HTTP as a browser uses it: sign-in, import, start with preview, dashboard actions, export.</summary>
public sealed partial class CoordinatorPagesTests
{
    private const string User = "koordinaattori", Password = "kierros-salasana-2026";

    private static async Task<(TestApp App, SmtpSink Sink, HttpClient Browser)> SignedInAsync()
    {
        var sink = new SmtpSink();
        var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Auth:Coordinators:0:User"] = User, ["Auth:Coordinators:0:Password"] = Password, ["Auth:Coordinators:0:Name"] = "Eeva Salminen",
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["Demo:Enabled"] = "true",
        });
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        await SignInAsync(browser);
        return (app, sink, browser);
    }

    private static async Task SignInAsync(HttpClient browser)
    {
        var challenge = await browser.GetAsync("/coordinator");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Contains("/studio/login", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await browser.GetStringAsync("/studio/login?returnUrl=/coordinator");
        var login = await browser.PostAsync("/studio/login", Form(page, new() { ["user"] = User, ["password"] = Password, ["returnUrl"] = "/coordinator" }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/coordinator", login.Headers.Location!.ToString());
    }

    /// <summary>The page's antiforgery token plus <paramref name="fields"/>, as the browser posts the form.</summary>
    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        return new FormUrlEncodedContent(fields);
    }

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    /// <summary>Posts a file to the import page as its form does (with the page's antiforgery token and a dataset name for a CSV).</summary>
    private static async Task<HttpResponseMessage> UploadFileAsync(HttpClient browser, string fileName, string content, string? dataset = null)
    {
        var page = await browser.GetStringAsync("/coordinator/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
        };
        if (dataset is not null) form.Add(new StringContent(dataset), "dataset");
        return await browser.PostAsync("/coordinator/import", form);
    }

    [Fact]
    public async Task Coordinator_SeesOnlyTheWorkspace_NotStudioOrAdminApis()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/coordinator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/cycles")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/studio/definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/outbox")).StatusCode);
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task Import_ShowsEveryRowError_StoresNothing_ThenImportsTheFixedFile()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));

        Task<HttpResponseMessage> UploadAsync(string content) => UploadFileAsync(browser, "alue.json", content);

        var broken = await UploadAsync(file.Replace("kirsi.lampinen@example.fi", "kirsi.lampinen(at)example.fi", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var errors = Text(await broken.Content.ReadAsStringAsync());
        Assert.Contains("Tiedostoa ei tuotu", errors, StringComparison.Ordinal);
        Assert.Contains("people[0].email</code>: 'kirsi.lampinen(at)example.fi' ei ole sähköpostiosoite.", errors, StringComparison.Ordinal);
        await browser.GetAsync("/coordinator?lang=sv");
        var swedish = Text(await (await UploadAsync(file.Replace("kirsi.lampinen@example.fi", "kirsi.lampinen(at)example.fi", StringComparison.Ordinal))).Content.ReadAsStringAsync());
        Assert.Contains("people[0].email</code>: 'kirsi.lampinen(at)example.fi' är inte en e-postadress.", swedish, StringComparison.Ordinal);
        await browser.GetAsync("/coordinator?lang=fi");
        Assert.Contains("Alueen tietoja ei ole vielä tuotu.", Text(await browser.GetStringAsync("/coordinator")), StringComparison.Ordinal);

        var notJson = await UploadAsync("{ tämä ei ole JSONia");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("ei ole kelvollista JSONia", Text(await notJson.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ok = await UploadAsync(file);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Aineisto keski-suomi-2023: ", Text(await ok.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Keski-Suomen hyvinvointialue", Text(await browser.GetStringAsync("/coordinator")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWithPreview_Dashboard_RemindNow_Extend_Export_InSwedishToo()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;

        // Import the region; the 2023 dates are proposed four years later on the same weekdays.
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));
        await app.Services.GetRequiredService<Planning.People.DirectoryImporter>().ImportAsync(System.Text.Json.Nodes.JsonNode.Parse(file)!.AsObject());
        var start = await browser.GetStringAsync("/coordinator/cycles/new?dataset=keski-suomi-2023");
        Assert.Contains("value=\"2027-02-15\"", start, StringComparison.Ordinal); // Mon 20.2.2023 + 4 × 52 weeks = Mon 15.2.2027
        Assert.Contains("siirretty 4 vuotta eteenpäin", Text(start), StringComparison.Ordinal);

        var fields = Fields(start);
        fields["action"] = "preview";
        fields["deadline.consultation"] = "2027-13-40";
        var bad = await browser.PostAsync("/coordinator/cycles/new", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badText = Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("phases.consultation.deadline", badText, StringComparison.Ordinal);
        Assert.Contains("'2027-13-40' ei ole päivämäärä (vvvv-kk-pp).", badText, StringComparison.Ordinal);
        var badSwedish = Text(await (await browser.PostAsync("/coordinator/cycles/new?lang=sv", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("'2027-13-40' är inte ett datum (åååå-mm-dd).", badSwedish, StringComparison.Ordinal); // the refusal in the reader's language
        await browser.GetAsync("/coordinator?lang=fi");

        fields = Fields(start);
        fields.Remove("__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/coordinator/cycles/new", new FormUrlEncodedContent(fields))).StatusCode); // no cross-site posts

        fields = Fields(start);
        fields["action"] = "preview";
        var preview = Text(await (await browser.PostAsync("/coordinator/cycles/new", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("Esikatselu: viestit ja määräajat", preview, StringComparison.Ordinal);
        Assert.Contains("Kokouskutsu", preview, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
        // One planned mail, rendered in Swedish by the real templates; links lead nowhere and nothing is sent.
        var mailFields = new Dictionary<string, string>(fields) { ["mail"] = "0:sv" };
        mailFields.Remove("action");
        var mailPage = await browser.PostAsync("/coordinator/cycles/preview-mail", new FormUrlEncodedContent(mailFields));
        var mailHtml = Text(await mailPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, mailPage.StatusCode);
        Assert.Contains("<iframe class=\"mail-preview\"", mailHtml, StringComparison.Ordinal);
        Assert.Matches("<iframe[^>]* sandbox[ =>]", mailHtml);
        Assert.Contains("Mellersta Finlands", mailHtml, StringComparison.Ordinal);
        Assert.Contains("#esikatselu", mailHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals/decide?t=", mailHtml, StringComparison.Ordinal);
        Assert.Contains("'unsafe-inline'", mailPage.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(sink.Messages);

        fields["action"] = "start";
        var started = await browser.PostAsync("/coordinator/cycles/new", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var dashboardUrl = started.Headers.Location!.ToString();

        // The clock reaches the first phase (Mon 15.2.2027): the coordinator gets the nominations task.
        app.Time.SetUtcNow(new DateTimeOffset(2027, 2, 15, 8, 0, 0, TimeSpan.Zero));
        await app.RunBackgroundAsync();
        Assert.Single(sink.Messages, m => m.IsAbout("Uusi tehtävä:", "Nimeä"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(dashboardUrl)).StatusCode); // the 10-hour session has ended
        await SignInAsync(browser);
        var dashboard = await browser.GetStringAsync(dashboardUrl);
        Assert.Contains("<tr class=\"phase active\"><th scope=\"row\">Jäsenten ja varajäsenten nimeäminen</th><td>Käynnissä", Text(dashboard), StringComparison.Ordinal);
        Assert.Contains("Ei vastannut", Text(dashboard), StringComparison.Ordinal);

        var remind = await browser.PostAsync(dashboardUrl + "/remind", Form(dashboard, new() { ["requestId"] = RequestId().Match(dashboard).Groups[1].Value }));
        Assert.Equal(HttpStatusCode.Redirect, remind.StatusCode);
        await app.RunBackgroundAsync();
        Assert.Single(sink.Messages, m => m.IsAbout("Muistutus:", "Nimeä"));
        dashboard = await browser.GetStringAsync(remind.Headers.Location!.ToString());
        Assert.Contains("Muistutus lähetetään vastaamatta jättäneille.", Text(dashboard), StringComparison.Ordinal);

        var past = await browser.PostAsync(dashboardUrl + "/extend", Form(dashboard, new() { ["requestId"] = RequestId().Match(dashboard).Groups[1].Value, ["dueAt"] = "2020-01-01" }));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var extend = await browser.PostAsync(dashboardUrl + "/extend", Form(dashboard, new() { ["requestId"] = RequestId().Match(dashboard).Groups[1].Value, ["dueAt"] = "2027-04-09" }));
        Assert.Equal(HttpStatusCode.Redirect, extend.StatusCode);
        dashboard = await browser.GetStringAsync(extend.Headers.Location!.ToString());
        Assert.Contains("9.4.2027 klo 16.00", Text(dashboard), StringComparison.Ordinal);
        Assert.Contains("Määräaikaa siirretty", Text(dashboard), StringComparison.Ordinal);

        var badPerson = await browser.PostAsync(dashboardUrl + "/participants", Form(dashboard, new() { ["requestId"] = RequestId().Match(dashboard).Groups[1].Value, ["email"] = "ei osoite" }));
        Assert.Equal(HttpStatusCode.BadRequest, badPerson.StatusCode);
        var replace = await browser.PostAsync(dashboardUrl + "/participants", Form(dashboard, new()
        {
            ["requestId"] = RequestId().Match(dashboard).Groups[1].Value, ["replaces"] = Replaces().Match(dashboard).Groups[1].Value,
            ["email"] = "ilkka.tikkanen@example.fi", ["name"] = "Ilkka Tikkanen", ["language"] = "fi",
        }));
        Assert.Equal(HttpStatusCode.Redirect, replace.StatusCode);
        await app.RunBackgroundAsync();
        Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "ilkka.tikkanen@example.fi" && m.IsAbout("Uusi tehtävä:", "Nimeä"));
        dashboard = Text(await browser.GetStringAsync(replace.Headers.Location!.ToString()));
        Assert.Contains("Ilkka Tikkanen", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Eeva Salminen</td>", dashboard, StringComparison.Ordinal);
        Assert.Contains("Henkilö vaihdettu", dashboard, StringComparison.Ordinal);

        var swedish = Text(await browser.GetStringAsync(dashboardUrl + "?lang=sv"));
        Assert.Contains("<html lang=\"sv\">", swedish, StringComparison.Ordinal);
        Assert.Contains("Öppna begäranden", swedish, StringComparison.Ordinal);
        Assert.Contains("Har inte svarat", swedish, StringComparison.Ordinal);
        Assert.Contains("Utnämning av medlemmar och ersättare", swedish, StringComparison.Ordinal); // the phase's Swedish name from the region file
        Assert.DoesNotContain("Jäsenten ja varajäsenten nimeäminen", swedish, StringComparison.Ordinal);
        Assert.Contains(">Mellersta Finlands regionala elevhälsoplan 2023–2025</a>", Text(await browser.GetStringAsync("/coordinator")), StringComparison.Ordinal); // the list too, in the chosen language

        var csv = await browser.GetAsync(dashboardUrl + "/export.csv?lang=fi"); // the Swedish choice above is remembered; the export follows the chosen language
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("\"section\";\"item\"", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("\"request\";\"Nimeä yhteistyöryhmän jäsenet ja varajäsenet", text, StringComparison.Ordinal);
        Assert.Contains("\"no answer\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextTerm_IsPlannedFromTheCycle_PreviewedAndStartedFromTheForm()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;
        await browser.PostAsync("/coordinator/demo", Form(await browser.GetStringAsync("/coordinator"), []));
        var ks = (await (await browser.GetAsync("/api/cycles")).JsonAsync())["items"]!.AsArray().Single(c => c!["cycle"]!.GetValue<string>() == "cycle-ks-2023-2025")!["id"]!.GetValue<string>();

        var page = await browser.GetStringAsync($"/coordinator/cycles/new?previous={ks}");
        Assert.Matches(@"<h1>Seuraavan valtuustokauden kierros 20\d\d–20\d\d</h1>", Text(page));
        Assert.Contains($"name=\"previous\" value=\"{ks}\"", page, StringComparison.Ordinal);
        var fields = new Dictionary<string, string> { ["dataset"] = "keski-suomi-2023", ["previous"] = ks, ["action"] = "preview" };
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(page, @"name=""((?:start|deadline|shiftDays)[^""]*)"" value=""([^""]*)"""))
            fields[m.Groups[1].Value] = m.Groups[2].Value;
        var preview = Text(await (await browser.PostAsync("/coordinator/cycles/new", Form(page, new(fields)))).Content.ReadAsStringAsync());
        Assert.Contains("Esikatselu: viestit ja määräajat", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("2023–2025", preview, StringComparison.Ordinal);
        fields["action"] = "start";
        var started = await browser.PostAsync("/coordinator/cycles/new", Form(page, new(fields)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(4, (await (await browser.GetAsync("/api/cycles")).JsonAsync())["items"]!.AsArray().Count);
        Assert.Empty(sink.Messages);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/coordinator/cycles/new?previous=ei-ole")).StatusCode);
    }

    [Fact]
    public async Task Demo_OneClickStartsBothRegionsCycles_AndTheSteeringGroupYear()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;

        var home = await browser.GetStringAsync("/coordinator");
        var demo = await browser.PostAsync("/coordinator/demo", Form(home, []));
        Assert.Equal(HttpStatusCode.Redirect, demo.StatusCode);
        home = Text(await browser.GetStringAsync("/coordinator"));
        Assert.Contains("Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2023–2025", home, StringComparison.Ordinal);
        Assert.Contains("Pohjois-Pohjanmaan", home, StringComparison.Ordinal);
        Assert.Matches(@"<svg [^>]*class=""sparkline"" role=""img"" aria-label=""Vaiheet: \d+/\d+ valmiina; käynnissä: [^""]+""", home); // each running cycle's phases in a line
        var cycles = await (await browser.GetAsync("/api/cycles")).JsonAsync();
        Assert.Equal(3, cycles["items"]!.AsArray().Count);
        Assert.Single(cycles["items"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "steeringGroup");
        var ks = cycles["items"]!.AsArray().Single(c => c!["cycle"]!.GetValue<string>() == "cycle-ks-2023-2025")!["id"]!.GetValue<string>();
        var dashboard = await (await browser.GetAsync($"/api/cycles/{ks}")).JsonAsync();
        Assert.Equal(8, dashboard["meetings"]!.AsArray().Count(m => m!["title"]!.GetValue<string>().Contains("kuntakierros", StringComparison.Ordinal)));
        Assert.Empty(sink.Messages); // everything lies in the future

        // A second click changes nothing.
        await browser.PostAsync("/coordinator/demo", Form(await browser.GetStringAsync("/coordinator"), []));
        Assert.Equal(3, (await (await browser.GetAsync("/api/cycles")).JsonAsync())["items"]!.AsArray().Count);
        // The coordinator supplies the plan's first version on the dashboard; a link that is not a web address is refused.
        var page = await browser.GetStringAsync($"/coordinator/cycles/{ks}");
        Assert.Contains("Suunnitelmasta ei ole vielä annettu yhtään versiota.", Text(page), StringComparison.Ordinal);
        var refused = await browser.PostAsync($"/coordinator/cycles/{ks}/documents", Form(page, new() { ["url"] = "luonnos.docx" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var saved = await browser.PostAsync($"/coordinator/cycles/{ks}/documents", Form(page, new() { ["url"] = "https://hyvaks.example.fi/luonnos-1.pdf" }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = Text(await browser.GetStringAsync($"/coordinator/cycles/{ks}?done=documentAdded"));
        Assert.Contains("Uusi versio on tallennettu.", page, StringComparison.Ordinal);
        Assert.Matches(@"<td>1 \(nykyinen\)</td><td><a href=""https://hyvaks.example.fi/luonnos-1.pdf"">[^<]+</a></td><td>Eeva Salminen</td>", page);
    }

    [Fact]
    public async Task OpenApi_DescribesTheCycleApi_AndIsBrowsable()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;

        var document = await (await browser.GetAsync("/openapi/v1.json")).JsonAsync();
        foreach (var path in new[] { "/api/cycles", "/api/cycles/preview", "/api/cycles/{id}", "/api/cycles/{id}/requests/{requestId}/remind", "/api/cycles/{id}/requests/{requestId}/extend", "/api/cycles/{id}/requests/{requestId}/participants", "/api/directory/import" })
            Assert.NotNull(document["paths"]![path]);
        var ui = await browser.GetAsync("/api-docs/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal(Infrastructure.SecurityHeaders.ApiDocsPolicy, ui.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("openapi/v1.json", await (await browser.GetAsync("/api-docs/index.js")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public void Csv_DefusesFormulas()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", Coordinator.CoordinatorPages.Cell("=HYPERLINK(\"x\")"));
        Assert.Equal("\"'+1\"", Coordinator.CoordinatorPages.Cell("+1"));
        Assert.Equal("\"Jyväskylä\"", Coordinator.CoordinatorPages.Cell("Jyväskylä"));
    }

    private static Dictionary<string, string> Fields(string page)
    {
        var fields = Inputs().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["dataset"] = "keski-suomi-2023";
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        return fields;
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();

    [GeneratedRegex(@"<input type=""(?:date|hidden|url)""[^>]*?name=""([^""]+)"" value=""([^""]*)""")]
    private static partial Regex Inputs();

    [GeneratedRegex(@"name=""requestId"" value=""([^""]+)""")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"name=""replaces"" value=""([^""]+)""")]
    private static partial Regex Replaces();
}
