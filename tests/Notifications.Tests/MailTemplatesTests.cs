using Opiskeluhuolto.Notifications.Templates;

namespace Opiskeluhuolto.Notifications.Tests;

public sealed class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();

    private static Dictionary<string, object?> Model() => new()
    {
        ["recipientName"] = "Maija Meikäläinen",
        ["organisation"] = "Kemin kaupunki",
        ["title"] = "lausunto opiskeluhuoltosuunnitelman luonnoksesta",
        ["deadline"] = "2023-11-17T14:00:00+02:00",
        ["meetingStart"] = "2023-04-19T09:00:00+03:00",
        ["location"] = "Oulun Lasaretti",
        ["approveUrl"] = "https://example.fi/a", ["rejectUrl"] = "https://example.fi/r", ["changesUrl"] = "https://example.fi/c",
        ["decisionText"] = "hyväksytty",
        ["coordinatorName"] = "Kaisa Koordinaattori", ["coordinatorTitle"] = "suunnittelija",
        ["items"] = new List<object?> { new Dictionary<string, object?> { ["organisation"] = "Oulu", ["status"] = "annettu" } },
    };

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in MailTemplates.Kinds)
        {
            foreach (var language in MailTemplates.Languages) data.Add(kind, language);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Render_EveryTemplateAndLanguage_HasSubjectBodyAndSignature(string kind, string language)
    {
        var mail = Templates.Render(kind, language, Model());

        Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
        Assert.DoesNotContain("<", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Kaisa Koordinaattori", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Maija Meik&#xE4;l&#xE4;inen", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminder_Finnish_UsesFinnishDateAndTime()
    {
        var mail = Templates.Render("reminder", "fi", Model());

        Assert.Equal("Muistutus: lausunto opiskeluhuoltosuunnitelman luonnoksesta viimeistään 17.11.2023", mail.Subject);
        Assert.Contains("17.11.2023 klo 14.00", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Invitation_SwedishAndEnglish_UseTheirTimeFormats()
    {
        Assert.Contains("19.4.2023 kl. 9.00", Templates.Render("invitation", "sv", Model()).Body, StringComparison.Ordinal);
        Assert.Contains("19 April 2023 at 09:00", Templates.Render("invitation", "en", Model()).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownLanguage_FallsBackToFinnish() =>
        Assert.StartsWith("Kutsu:", Templates.Render("invitation", "de", Model()).Subject, StringComparison.Ordinal);

    [Fact]
    public void Render_ScriptInModel_IsEncodedInBody()
    {
        var model = Model();
        model["recipientName"] = "<script>alert(1)</script>";

        var mail = Templates.Render("reminder", "fi", model);

        Assert.DoesNotContain("<script>", mail.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownTemplate_Throws() =>
        Assert.Throws<ArgumentException>(() => Templates.Render("nope", "fi", Model()));
}
