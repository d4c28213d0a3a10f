using Microsoft.Extensions.Logging.Abstractions;
using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Workflows.Runtime;
using SmtpServer.Protocol;

namespace Opiskeluhuolto.Notifications.Tests;

public sealed class SmtpEmailSenderTests
{
    private static SmtpEmailSender Sender(SmtpSink sink) =>
        new(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = "None" }, "opiskeluhuolto@hyvinvointialue.example", NullLogger<SmtpEmailSender>.Instance);

    private static SendEmailEffect Mail(string id, string to) =>
        new(id, "instance-1", null, [to], [], [], "Muistutus: lausunto pyydetään viimeistään 17.11.2023", "<p>Hei!</p>");

    [Fact]
    public async Task Send_ManyMessages_AllArriveOverOneConnectionWithTheirIds()
    {
        await using var sink = new SmtpSink();
        await using var sender = Sender(sink);

        for (var i = 0; i < 20; i++) await sender.SendAsync(Mail($"m{i}@opiskeluhuolto.workflows", $"rehtori{i}@koulu.example"), CancellationToken.None);

        Assert.Equal(20, sink.Messages.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}@opiskeluhuolto.workflows"), sink.Messages.Select(m => m.MessageId));
        Assert.All(sink.Messages, m => Assert.Equal("Muistutus: lausunto pyydetään viimeistään 17.11.2023", m.Subject));
        Assert.Single(sink.Sessions.Distinct());
    }

    [Fact]
    public async Task Send_SideBySide_OpensAtMostMaxConnections_AndReusesThem()
    {
        await using var sink = new SmtpSink();
        var inFlight = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first two mails are held at the server until both have arrived: only two connections at once get there.
        sink.BeforeSave = () =>
        {
            if (Interlocked.Increment(ref inFlight) >= 2) both.TrySetResult();
            return both.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };
        await using var sender = Sender(sink);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => sender.SendAsync(Mail($"p{i}@opiskeluhuolto.workflows", $"opo{i}@koulu.example"), CancellationToken.None)));

        Assert.Equal(12, sink.Messages.Count);
        Assert.Equal(2, sink.Sessions.Distinct().Count());
    }

    [Theory]
    [InlineData("None")]
    [InlineData("StartTlsWhenAvailable")]
    public async Task Send_WithAUsername_OverAConnectionWithoutTls_FailsWithoutSendingThePassword(string security)
    {
        await using var sink = new SmtpSink();
        await using var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = security, Username = "opiskeluhuolto", Password = "relay-secret-2026" },
            "opiskeluhuolto@hyvinvointialue.example", NullLogger<SmtpEmailSender>.Instance);

        var error = await Assert.ThrowsAsync<PermanentEffectException>(() => sender.SendAsync(Mail("x@y", "rehtori@koulu.example"), CancellationToken.None));

        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task Send_ByDefault_ToARelayWithoutStartTls_FailsAndSendsNothing()
    {
        await using var sink = new SmtpSink(); // offers no STARTTLS, as a relay whose answer an attacker stripped
        var options = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port };
        Assert.Equal("StartTls", options.Security);
        await using var sender = new SmtpEmailSender(options, "opiskeluhuolto@hyvinvointialue.example", NullLogger<SmtpEmailSender>.Instance);

        var error = await Assert.ThrowsAsync<PermanentEffectException>(() => sender.SendAsync(Mail("d@y", "rehtori@koulu.example"), CancellationToken.None));

        Assert.Contains("STARTTLS", error.Message, StringComparison.Ordinal);
        Assert.Contains("Smtp:Security", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task Send_ServerRejectsPermanently_ThrowsPermanentFailure()
    {
        await using var sink = new SmtpSink();
        sink.Replies["unknown"] = new SmtpResponse(SmtpReplyCode.TransactionFailed, "No such user");
        await using var sender = Sender(sink);

        var error = await Assert.ThrowsAsync<PermanentEffectException>(() => sender.SendAsync(Mail("x@y", "unknown@kunta.example"), CancellationToken.None));

        Assert.Contains("554", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task Send_ServerBusy_ThrowsTransientFailureThenRecovers()
    {
        await using var sink = new SmtpSink();
        sink.Replies["busy"] = new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Try later");
        await using var sender = Sender(sink);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Mail("b@y", "busy@kunta.example"), CancellationToken.None));
        Assert.IsNotType<PermanentEffectException>(error);
        await sender.SendAsync(Mail("ok@y", "ok@kunta.example"), CancellationToken.None);

        Assert.Equal(["ok@y"], sink.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Send_NoServer_ThrowsTransientFailure()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None" }, "a@b.example", NullLogger<SmtpEmailSender>.Instance);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Mail("n@y", "a@kunta.example"), CancellationToken.None));

        Assert.IsNotType<PermanentEffectException>(error);
    }
}
