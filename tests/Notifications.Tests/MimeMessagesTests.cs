using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Tests;

public sealed class MimeMessagesTests
{
    private static readonly DateTimeOffset Date = new(2026, 10, 13, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WorkflowHtml_WithoutText_GetsATextPart_ThatKeepsEveryLink()
    {
        var html = """
            <!DOCTYPE html><html><head><title>Ei näy</title><style>p{color:red}</style></head><body>
            <p>Hei Aino,</p><p>Päätä <strong>viimeistään</strong> pe 16.10.</p>
            <p><a href="https://opiskeluhuolto.example.fi/a?t=1&amp;x=2">Hyväksy</a> · <a href="https://opiskeluhuolto.example.fi/r">Hylkää</a><br>https://esimerkki.fi</p>
            </body></html>
            """;
        var mime = MimeMessages.Create(new SendEmailEffect("m1@x", "i", null, ["aino@kunta.example"], [], [], "Aihe", html), "from@x.example", Date);

        Assert.Equal("Hei Aino,\n\nPäätä viimeistään pe 16.10.\n\nHyväksy: https://opiskeluhuolto.example.fi/a?t=1&x=2 · Hylkää: https://opiskeluhuolto.example.fi/r\nhttps://esimerkki.fi\n", mime.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal(html, mime.HtmlBody);
    }

    [Fact]
    public void TemplateText_IsSentAsItIs()
    {
        var mime = MimeMessages.Create(new SendEmailEffect("m2@x", "i", null, ["aino@kunta.example"], [], [], "Aihe", "<p>Hei</p>") { TextBody = "Hei\n\nHyväksy: https://x.example/a\n" }, "from@x.example", Date);

        Assert.Equal("Hei\n\nHyväksy: https://x.example/a\n", mime.TextBody!.ReplaceLineEndings("\n"));
    }
}
