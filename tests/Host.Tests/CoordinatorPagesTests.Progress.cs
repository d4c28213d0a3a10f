using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.Host.Tests;

// A large import shows how far it got: rows checked, people saved batch by batch, then the outcome.
public sealed partial class CoordinatorPagesTests
{
    [Fact]
    public async Task ALargeImport_SaysRowsCheckedAndPeopleSavedAsItGoes_ThenTheOutcome_AndABadFileStillGetsEveryError()
    {
        var (app, sink, browser) = await SignedInAsync();
        await using var _ = app;
        await using var __ = sink;
        using var ___ = browser;

        Task<HttpResponseMessage> UploadAsync(string csv) => UploadFileAsync(browser, "henkilot.csv", csv, "esimerkkila-henkilot");

        var rows = new StringBuilder("id;firstName;lastName;email;language;organisation;title;roles;deputyId\n");
        for (var i = 1; i <= 1200; i++) rows.Append(CultureInfo.InvariantCulture, $"h{i};Henkilö;Numero {i};henkilo{i}@esimerkkila.example;fi;Esimerkkilän kaupunki;opettaja;;\n");

        var bad = await UploadAsync(rows.ToString().Replace("henkilo700@esimerkkila.example", "henkilo700(at)esimerkkila.example", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Tiedostoa ei tuotu", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"log\"", refused, StringComparison.Ordinal); // a refused file is answered whole, 400
        Assert.DoesNotContain("henkilo1@esimerkkila.example", Text(await browser.GetStringAsync("/coordinator/people?q=esimerkkila")), StringComparison.Ordinal);

        var ok = await UploadAsync(rows.ToString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var page = Text(await ok.Content.ReadAsStringAsync());
        Assert.Contains("<div role=\"log\" aria-labelledby=\"progress-h\">", page, StringComparison.Ordinal);
        string[] inOrder =
        [
            "Tuonnin eteneminen", "Kaikki 1200 riviä tarkistettu, ei virheitä.", "Tallennettu 500/1200 henkilöä", "Tallennettu 1000/1200 henkilöä",
            "Tallennettu 1200/1200 henkilöä", "Tiedosto tuotu", "Aineisto esimerkkila-henkilot: 1200 henkilöä.", "<form method=\"post\" action=\"import\"", "</html>",
        ];
        var at = 0;
        foreach (var text in inOrder)
        {
            var next = page.IndexOf(text, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"'{text}' not found after position {at}");
            at = next + text.Length;
        }

        Assert.Equal(1, CountOf(page, "<html")); // one page, pieced together
        Assert.Contains("henkilo1200@esimerkkila.example", Text(await browser.GetStringAsync("/coordinator/people?q=henkilo1200")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAYearStartsItsTasks_TheDashboardSaysHowManyWorkflowsRunAndHowManyWait_UntilAllHaveStarted()
    {
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder(), new Dictionary<string, string>
        {
            ["Auth:Coordinators:0:User"] = User, ["Auth:Coordinators:0:Password"] = Password, ["RateLimits:LinksPerMinute"] = "100000",
        }, start: new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero));
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        using var api = app.Admin();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DemoData", "steering-group.json"));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/directory/import", TestApp.Json(file))).StatusCode);
        var started = await api.PostJsonAsync("/api/steering-groups", new System.Text.Json.Nodes.JsonObject { ["dataset"] = "steering-group-esimerkkila" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.JsonAsync())["id"]!.GetValue<string>();
        // The year's tasks are workflows of their own, started through the outbox: until they have, the page says how far it got.
        await SignInAsync(browser);
        var before = Text(await browser.GetStringAsync($"/coordinator/cycles/{id}"));
        Assert.Matches("Kierroksen työnkulkuja käynnistetään: [0-9]+ käynnissä, [1-9][0-9]* odottaa käynnistystä. <a href=\"[^\"]+\">Päivitä tilanne</a>", before);
        await app.RunBackgroundAsync();
        var after = Text(await browser.GetStringAsync($"/coordinator/cycles/{id}"));
        Assert.DoesNotContain("käynnistetään", after, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
