using System.Net;
using System.Xml.Linq;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The home page at <c>/</c>, the accessibility statement, and the reader's language.</summary>
public sealed class PublicPagesTests
{
    [Fact]
    public async Task Home_Answers200_AndLinksEveryEntrance()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"fi\">", html, StringComparison.Ordinal);
        foreach (var href in new[] { "/coordinator?lang=fi", "/studio", "/approvals/inbox?lang=fi", "/api-docs", "/accessibility?lang=fi" })
            Assert.Contains($"href=\"{href}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/mail", html, StringComparison.Ordinal); // development entrances only in Development
    }

    [Theory]
    [InlineData("de,sv;q=0.9", "sv", "Planering av elevhälsan")]
    [InlineData("sv-FI", "sv", "Planering av elevhälsan")]
    [InlineData("de, en-GB;q=0.8, fi;q=0.5", "en", "Student welfare planning")]
    [InlineData("fi;q=0.4, en;q=0.9", "en", "Student welfare planning")]
    [InlineData("de", "fi", "Opiskeluhuollon suunnittelu")]
    [InlineData("", "fi", "Opiskeluhuollon suunnittelu")]
    public async Task Language_FollowsAcceptLanguage_ByQuality(string acceptLanguage, string lang, string heading)
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage.Length > 0) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChosenLanguage_IsRemembered_AndWinsOverTheBrowser()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "fi");

        var chosen = await client.GetAsync(new Uri("/?lang=sv", UriKind.Relative));
        var later = await client.GetStringAsync(new Uri("/accessibility", UriKind.Relative));

        Assert.Contains("oh-lang=sv", chosen.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Contains("<h1>Tillgänglighetsutlåtande</h1>", later, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "Keski-Suomen hyvinvointialue pyrkii", "Saavutettavuuden tila")]
    [InlineData("sv", "Mellersta Finlands välfärdsområde strävar", "Tillgänglighetsstatus")]
    [InlineData("en", "Keski-Suomen hyvinvointialue aims", "Compliance status")]
    public async Task AccessibilityStatement_NamesTheOrganisation_AndTheFeedbackContact(string lang, string intro, string status)
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Accessibility:Organisation"] = "Keski-Suomen hyvinvointialue", ["Accessibility:OrganisationSv"] = "Mellersta Finlands välfärdsområde",
            ["Accessibility:FeedbackEmail"] = "saavutettavuus@hyvaks.fi",
        });
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/accessibility?lang={lang}", UriKind.Relative));

        Assert.Contains(intro, html, StringComparison.Ordinal);
        Assert.Contains($"<h2>{status}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:saavutettavuus@hyvaks.fi\"", html, StringComparison.Ordinal);
        Assert.Contains("WCAG 2.1", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/accessibility")]
    [InlineData("/approvals/inbox")]
    [InlineData("/approvals/decide?t=forged")]
    [InlineData("/studio/login")]
    public async Task EveryPage_LinksTheAccessibilityStatement(string path)
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Auth:AdminUser"] = "admin", ["Auth:AdminPassword"] = "a long passphrase for tests" });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", "sv");

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Matches("<footer[^>]*><p><a href=\"/accessibility\\?lang=(fi|sv|en)\"", html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/site.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stylesheet_IsServedFromThisOrigin_AndPagesAllowNoInlineStyle()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();

        var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        var page = await client.GetAsync(new Uri("/approvals/inbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("body.participant", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>Every text of every .resx exists in Finnish (the neutral file), Swedish and English, and none is empty.</summary>
    [Fact]
    public void EveryText_ExistsInEveryLanguage()
    {
        var root = Path.Combine(TestApp.RepositoryRoot(), "src");
        var neutral = Directory.GetFiles(root, "*.resx", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Count(c => c == '.') == 1).ToList();
        Assert.NotEmpty(neutral);
        foreach (var file in neutral)
        {
            var keys = Keys(file);
            foreach (var lang in new[] { "sv", "en" })
            {
                var translated = Path.ChangeExtension(file, $".{lang}.resx");
                Assert.True(File.Exists(translated), $"{translated} is missing");
                var other = Keys(translated);
                Assert.Empty(keys.Keys.Except(other.Keys).Select(k => $"{Path.GetFileName(translated)} lacks {k}"));
                Assert.Empty(other.Keys.Except(keys.Keys).Select(k => $"{Path.GetFileName(translated)} has {k}, which the Finnish file lacks"));
                Assert.Empty(other.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{Path.GetFileName(translated)}: {p.Key} is empty"));
            }

            Assert.Empty(keys.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{Path.GetFileName(file)}: {p.Key} is empty"));
        }
    }

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
