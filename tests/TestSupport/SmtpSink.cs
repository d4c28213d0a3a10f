using System.Buffers;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Opiskeluhuolto.TestSupport;

/// <summary>A real SMTP server (SmtpServer package) on a free loopback port that keeps every message it accepts.</summary>
public sealed class SmtpSink : LoopbackSmtpServer
{
    public List<MimeMessage> Messages { get; } = [];

    /// <summary>The SMTP session (connection) each kept message came on, in the order of <see cref="Messages"/>.</summary>
    public List<Guid> Sessions { get; } = [];

    /// <summary>Awaited before each message is looked at: lets a test hold messages in flight.</summary>
    public Func<Task>? BeforeSave { get; set; }

    /// <summary>Reply used for recipients whose address contains the key.</summary>
    public Dictionary<string, SmtpResponse> Replies { get; } = [];

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (BeforeSave is { } before) await before();
        foreach (var (key, reply) in Replies)
        {
            if (transaction.To.Any(t => $"{t.User}@{t.Host}".Contains(key, StringComparison.Ordinal))) return reply;
        }

        await using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        lock (Messages)
        {
            Messages.Add(message);
            Sessions.Add(context.SessionId);
        }

        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return SmtpResponse.Ok;
    }

    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until the next message arrives or <paramref name="timeout"/> passes; true when one arrived.</summary>
    public async Task<bool> WaitForMessageAsync(TimeSpan timeout)
    {
        try
        {
            await Volatile.Read(ref _arrived).Task.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
