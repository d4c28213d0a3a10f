using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Opiskeluhuolto.Notifications.Templates;

namespace Opiskeluhuolto.Notifications.Tests;

/// <summary>
/// Every mail template in every language: rendered with fixed data into a golden file under <c>Golden/</c> (so that a
/// change of wording shows as a diff in review; set <c>UPDATE_GOLDEN=1</c> to rewrite them), its text part carrying every
/// link of its HTML part, and the sentence rules of LANGUAGE.md.
/// </summary>
public sealed partial class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in MailTemplates.Kinds)
        {
            foreach (var language in MailTemplates.Languages) data.Add(kind, language);
        }

        return data;
    }

    /// <summary>Realistic data for <paramref name="kind"/> in <paramref name="lang"/>: what the Host passes.</summary>
    internal static Dictionary<string, object?> Model(string kind, string lang)
    {
        const string Base = "https://opiskeluhuolto.example.fi";
        var model = new Dictionary<string, object?>
        {
            ["recipientName"] = lang == "sv" ? "Sara Lindholm" : "Aino Virtanen",
            ["title"] = lang switch
            {
                "sv" => "Regional elevhälsoplan för Mellersta Finland 2025–2029, utkast",
                "en" => "Regional student welfare plan for Central Finland 2025–2029, draft",
                _ => "Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2025–2029, luonnos",
            },
            ["deadline"] = "2026-10-20T13:00:00Z",
            ["documentUrl"] = "https://www.hyvaks.fi/opiskeluhuoltosuunnitelma-luonnos.pdf",
            ["organisation"] = lang == "sv" ? "Jakobstads stad" : "Jyväskylän kaupunki",
            ["senderOrganisation"] = lang switch { "sv" => "Mellersta Finlands välfärdsområde", "en" => "Wellbeing Services County of Central Finland", _ => "Keski-Suomen hyvinvointialue" },
            ["coordinatorName"] = "Paula Koordinaattori",
            ["coordinatorTitle"] = lang switch { "sv" => "servicedirektör för elevhälsan", "en" => "director of student welfare services", _ => "opiskeluhuollon palvelujohtaja" },
            ["requestKind"] = kind.StartsWith("statement", StringComparison.Ordinal) ? "Statement" : kind.StartsWith("task", StringComparison.Ordinal) ? "Task" : "Approval",
            ["inboxUrl"] = Base + "/approvals/inbox?t=inbox-token",
        };
        switch (kind)
        {
            case "approval-request" or "approval-reminder":
                model["approveUrl"] = Base + "/approvals/decide?t=approve-token";
                model["changesUrl"] = Base + "/approvals/decide?t=changes-token";
                model["rejectUrl"] = Base + "/approvals/decide?t=reject-token";
                break;
            case "statement-request" or "statement-reminder":
                model["submitUrl"] = Base + "/approvals/decide?t=submit-token";
                model["noStatementUrl"] = Base + "/approvals/decide?t=nostatement-token";
                break;
            case "task-request" or "task-reminder":
                model["doneUrl"] = Base + "/approvals/decide?t=done-token";
                break;
            case "reminder":
                model["taskUrl"] = Base + "/approvals/decide?t=task-token";
                break;
            case "invitation" or "meeting-reminder":
                model["title"] = lang == "sv" ? "Samarbetsgruppens möte" : lang == "en" ? "Cooperation group meeting" : "Yhteistyöryhmän kokous";
                model["meetingStart"] = "2026-04-23T10:00:00Z";
                model["meetingEnd"] = "2026-04-23T12:00:00Z";
                model["location"] = "Jyväskylän kaupungintalo, Vapaudenkatu 32";
                if (kind == "invitation")
                {
                    model["attendUrl"] = Base + "/meetings/respond?t=attend-token";
                    model["declineUrl"] = Base + "/meetings/respond?t=decline-token";
                    model["hasDeputy"] = true;
                }

                break;
            case "escalation":
                model.Remove("inboxUrl");
                model["workspaceUrl"] = Base + "/coordinator";
                model["missing"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["name"] = "Matti Mäkinen", ["organisation"] = "Jämsän kaupunki" },
                    new Dictionary<string, object?> { ["name"] = "Liisa Laine", ["organisation"] = "Gradia" },
                };
                break;
            case "decision-result":
                model.Remove("inboxUrl");
                model["outcome"] = "Approved";
                model["answer"] = "Approved";
                model["decidedAt"] = "2026-10-19T09:30:00Z";
                break;
            case "plan-approved":
                model.Remove("inboxUrl");
                model["title"] = lang switch
                {
                    "sv" => "Regional elevhälsoplan för Mellersta Finland 2025–2029",
                    "en" => "Regional student welfare plan for Central Finland 2025–2029",
                    _ => "Keski-Suomen alueellinen opiskeluhuoltosuunnitelma 2025–2029",
                };
                model["meetingDate"] = "2025-12-15T12:00:00Z";
                model["section"] = "112";
                model["caseNumber"] = "HYVAKS/2025/1234";
                model["minutesUrl"] = "https://www.hyvaks.fi/paatoksenteko/aluevaltuusto/2025-12-15";
                model["publicUrl"] = "https://www.hyvaks.fi/opiskeluhuoltosuunnitelma";
                break;
            case "digest":
                model["items"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["title"] = model["title"], ["kind"] = "Statement", ["deadline"] = "2026-10-20T13:00:00Z" },
                    new Dictionary<string, object?> { ["title"] = lang == "sv" ? "Utse medlemmar till samarbetsgruppen" : "Nimeä yhteistyöryhmän jäsenet", ["kind"] = "Task", ["deadline"] = "2026-11-03T14:00:00Z" },
                };
                break;
        }

        return model;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void EveryTemplate_MatchesItsGoldenFile(string kind, string lang)
    {
        var mail = Templates.Render(kind, lang, Model(kind, lang));
        var rendered = $"Subject: {mail.Subject}\n\n{mail.Text}\n======== HTML ========\n{mail.Body}";
        var file = Path.Combine(GoldenFolder(), $"{kind}.{lang}.txt");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(file, rendered);

        Assert.True(File.Exists(file), $"{file} is missing: run the tests with UPDATE_GOLDEN=1 and review the new file.");
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n"), rendered);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void EveryLinkOfTheHtmlPart_IsInTheTextPart(string kind, string lang)
    {
        var mail = Templates.Render(kind, lang, Model(kind, lang));
        var links = Href().Matches(mail.Body).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        if (kind is not "meeting-reminder" and not "decision-result") Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Contains(link, mail.Text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void EveryTemplate_SalutesByName_StartsTheBodyWithACapital_AndSignsInTheReadersLanguage(string kind, string lang)
    {
        var mail = Templates.Render(kind, lang, Model(kind, lang));
        var lines = mail.Text.Split('\n');

        Assert.Equal(lang switch { "sv" => "Hej Sara Lindholm,", "en" => "Dear Aino Virtanen,", _ => "Hei Aino Virtanen," }, lines[0]);
        Assert.Equal("", lines[1]);
        Assert.True(char.IsUpper(lines[2][0]) || char.IsDigit(lines[2][0]), lines[2]);
        Assert.Contains(lang switch { "sv" => "Med vänlig hälsning\nMellersta Finlands välfärdsområde\nPaula Koordinaattori, servicedirektör för elevhälsan", "en" => "Kind regards\nWellbeing Services County of Central Finland", _ => "Ystävällisin terveisin\nKeski-Suomen hyvinvointialue\nPaula Koordinaattori, opiskeluhuollon palvelujohtaja" }, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("::", mail.Subject.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "Muistutus: lausunto viimeistään ti 20.10.2026 – ", "viimeistään tiistaina 20.10.2026 klo 16.00")]
    [InlineData("sv", "Påminnelse: utlåtande senast tis 20.10.2026 – ", "senast tisdag 20.10.2026 kl. 16.00")]
    [InlineData("en", "Reminder: statement due Tue 20 Oct 2026 – ", "by Tuesday 20 October 2026, 16:00")]
    public void StatementReminder_SaysWhatByWhen(string lang, string subject, string when)
    {
        var mail = Templates.Render("statement-reminder", lang, Model("statement-reminder", lang));

        Assert.StartsWith(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(when, mail.Text.Split('\n')[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "Kutsu: Yhteistyöryhmän kokous to 23.4.2026 klo 13.00", "Sinut kutsutaan kokoukseen.", "to 23.4.2026 klo 13.00–15.00")]
    [InlineData("sv", "Kallelse: Samarbetsgruppens möte tors 23.4.2026 kl. 13.00", "Du kallas till ett möte.", "tors 23.4.2026 kl. 13.00–15.00")]
    [InlineData("en", "Invitation: Cooperation group meeting, Thu 23 Apr 2026 13:00", "You are invited to a meeting.", "Thu 23 Apr 2026 13:00–15:00")]
    public void Invitation_HasWeekdayTimeAndPlace_WithoutInflectingTheTitle(string lang, string subject, string first, string time)
    {
        var mail = Templates.Render("invitation", lang, Model("invitation", lang));

        Assert.Equal(subject, mail.Subject);
        Assert.Equal(first, mail.Text.Split('\n')[2]);
        Assert.Contains(time, mail.Text, StringComparison.Ordinal);
        Assert.Contains("Jyväskylän kaupungintalo", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "varajäsenesi")]
    [InlineData("sv", "ersättare")]
    [InlineData("en", "deputy")]
    public void Invitation_MentionsTheDeputy_OnlyToThoseWhoHaveOne(string lang, string deputy)
    {
        var model = Model("invitation", lang);
        Assert.Contains(deputy, Templates.Render("invitation", lang, model).Text, StringComparison.Ordinal);

        model["hasDeputy"] = false;
        Assert.DoesNotContain(deputy, Templates.Render("invitation", lang, model).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(deputy, Templates.Render("meeting-reminder", lang, model).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_ListsThePeople_OutsideTheSubjectAndSentences()
    {
        var mail = Templates.Render("escalation", "fi", Model("escalation", "fi"));

        Assert.DoesNotContain("Mäkinen", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Seuraavat eivät ole vastanneet:\n- Matti Mäkinen, Jämsän kaupunki\n- Liisa Laine, Gradia\n", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutConfiguredSignature_TheRoleSignsInTheReadersLanguage()
    {
        var model = Model("task-request", "sv");
        model.Remove("coordinatorName");
        model.Remove("coordinatorTitle");
        model.Remove("senderOrganisation");

        Assert.EndsWith("Med vänlig hälsning\nElevhälsans koordinator\n", Templates.Render("task-request", "sv", model).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownLanguage_FallsBackToFinnish() =>
        Assert.StartsWith("Kutsu:", Templates.Render("invitation", "de", Model("invitation", "fi")).Subject, StringComparison.Ordinal);

    [Fact]
    public void Render_ScriptInModel_IsEncodedInBody()
    {
        var model = Model("approval-request", "fi");
        model["recipientName"] = "<script>alert(1)</script>";
        model["title"] = "<img src=x onerror=alert(1)>";

        var mail = Templates.Render("approval-request", "fi", model);

        Assert.DoesNotContain("<script>", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownTemplate_Throws() =>
        Assert.Throws<ArgumentException>(() => Templates.Render("nope", "fi", Model("approval-request", "fi")));

    private static string GoldenFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
