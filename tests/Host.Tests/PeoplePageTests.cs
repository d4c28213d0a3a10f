using System.Net;
using System.Text.RegularExpressions;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The coordinator's people page: the imported people by organisation, searched and filtered, with their open requests; only admins erase.</summary>
public sealed partial class PeoplePageTests
{
    private const string Coordinator = "koordinaattori", CoordinatorPassword = "kierros-salasana-2026", Admin = "yllapito", AdminPassword = "yllapito-salasana-2026";

    private static async Task<HttpClient> SignedInAsync(TestApp app, string user, string password)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        var page = await browser.GetStringAsync("/studio/login?returnUrl=/coordinator");
        var login = await browser.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["password"] = password, ["returnUrl"] = "/coordinator", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    [Fact]
    public async Task People_AreListedByOrganisation_Searched_Filtered_WithOpenRequests_AndOnlyAdminsErase()
    {
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Auth:Coordinators:0:User"] = Coordinator, ["Auth:Coordinators:0:Password"] = CoordinatorPassword,
            ["Auth:AdminUser"] = Admin, ["Auth:AdminPassword"] = AdminPassword,
        }, start: new DateTimeOffset(2023, 2, 1, 8, 0, 0, TimeSpan.Zero));
        using var api = app.Admin();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "keski-suomi-2023.json"));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/directory/import", TestApp.Json(file))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/cycles", new System.Text.Json.Nodes.JsonObject { ["dataset"] = "keski-suomi-2023" })).StatusCode);
        await app.RunUntilAsync(new DateTimeOffset(2023, 2, 21, 12, 0, 0, TimeSpan.Zero));
        using var coordinator = await SignedInAsync(app, Coordinator, CoordinatorPassword);

        var all = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/coordinator/people"));
        Assert.Contains("<h2 id=", all, StringComparison.Ordinal);
        Assert.Contains("eeva.salminen@example.fi", all, StringComparison.Ordinal);
        Assert.Contains("Nimeä yhteistyöryhmän jäsenet ja varajäsenet", all, StringComparison.Ordinal); // Eeva's open request
        Assert.DoesNotContain("people/erase", all, StringComparison.Ordinal); // a coordinator cannot erase

        var found = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/coordinator/people?q=SALMINEN"));
        Assert.Contains("eeva.salminen@example.fi", found, StringComparison.Ordinal);
        // Her last mail: the request, when it reached the relay.
        Assert.Contains("Viimeisin viesti", found, StringComparison.Ordinal);
        Assert.Matches(@"Pyyntö tai muistutus: Nimeä yhteistyöryhmän jäsenet ja varajäsenet[^<]*<br><span class=""muted"">lähetetty \d", found);
        Assert.Contains(">1 henkilöä<", found, StringComparison.Ordinal);
        var none = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/coordinator/people?q=%25_ei-ketaan"));
        Assert.Contains(">0 henkilöä<", none, StringComparison.Ordinal);
        var byRole = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/coordinator/people?role=ei-tallaista-roolia"));
        Assert.Contains(">0 henkilöä<", byRole, StringComparison.Ordinal);

        var forbidden = await coordinator.PostAsync("/coordinator/people/erase", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "eeva.salminen@example.fi", ["confirm"] = "yes", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(await coordinator.GetStringAsync("/coordinator/import")).Groups[1].Value),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var admin = await SignedInAsync(app, Admin, AdminPassword);
        var adminPage = WebUtility.HtmlDecode(await admin.GetStringAsync("/coordinator/people?q=salminen"));
        Assert.Contains("people/erase", adminPage, StringComparison.Ordinal);
        var person = Regex.Match(adminPage, @"name=""email"" value=""([^""]+)""").Groups[1].Value;
        var erased = await admin.PostAsync("/coordinator/people/erase", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = person, ["confirm"] = "yes", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(adminPage).Groups[1].Value),
        }));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.DoesNotContain(person, WebUtility.HtmlDecode(await admin.GetStringAsync("/coordinator/people")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();
}
