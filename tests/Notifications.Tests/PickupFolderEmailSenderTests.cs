using MimeKit;
using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Tests;

public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-pickup-" + Guid.NewGuid().ToString("n"));

    private static SendEmailEffect Mail(string id = "m1.ctx@opiskeluhuolto.workflows", params string[] to) => new(
        id, "instance-1", null, to.Length == 0 ? ["sivistysjohtaja@kunta.example"] : to, ["kirjaamo@kunta.example"], [],
        "Lausuntopyyntö: alueellinen opiskeluhuoltosuunnitelma", "<p>Hei,</p><p>Pyydämme lausuntoanne.</p>");

    [Fact]
    public async Task Send_WritesParseableMessageWithHeadersAndBothBodies()
    {
        var sender = new PickupFolderEmailSender(_folder, "opiskeluhuolto@hyvinvointialue.example");

        await sender.SendAsync(Mail(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("m1.ctx@opiskeluhuolto.workflows", message.MessageId);
        Assert.Equal("opiskeluhuolto@hyvinvointialue.example", message.From.Mailboxes.Single().Address);
        Assert.Equal(["sivistysjohtaja@kunta.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["kirjaamo@kunta.example"], message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal("Lausuntopyyntö: alueellinen opiskeluhuoltosuunnitelma", message.Subject);
        Assert.Contains("<p>Pyydämme lausuntoanne.</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Pyydämme lausuntoanne.", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SameMessageTwice_WritesOneFile()
    {
        var sender = new PickupFolderEmailSender(_folder, "opiskeluhuolto@hyvinvointialue.example");

        await sender.SendAsync(Mail(), CancellationToken.None);
        await sender.SendAsync(Mail(), CancellationToken.None);

        Assert.Single(Directory.GetFiles(_folder, "*.eml"));
    }

    [Fact]
    public async Task Send_InvalidAddress_FailsPermanently()
    {
        var sender = new PickupFolderEmailSender(_folder, "opiskeluhuolto@hyvinvointialue.example");

        var error = await Assert.ThrowsAsync<PermanentEffectException>(() => sender.SendAsync(Mail("m2@x", "not an address"), CancellationToken.None));

        Assert.Contains("m2@x", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
