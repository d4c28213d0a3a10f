using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>
/// Sends through an SMTP relay with MailKit on reused connections (at most <see cref="SmtpOptions.MaxConnections"/>)
/// whose sockets have <c>NoDelay</c> set (without it Nagle's algorithm stalls every command). 4xx replies and connection failures are transient (the outbox retries);
/// 5xx replies and malformed addresses are permanent (dead-lettered).
/// </summary>
public sealed partial class SmtpEmailSender(SmtpOptions options, string defaultFrom, ILogger<SmtpEmailSender> logger, TimeProvider? time = null) : IEmailSender, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(Math.Max(1, options.MaxConnections), Math.Max(1, options.MaxConnections));
    // Idle connections, oldest first: each is used in turn (none idles long enough for the relay to drop it), and taking
    // one is lock-free (a bag took a lock whenever a lane's next mail ran on another thread than the last one).
    private readonly System.Collections.Concurrent.ConcurrentQueue<SmtpClient> _idle = [];

    /// <inheritdoc />
    public async Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = MimeMessages.Create(message, defaultFrom, (time ?? TimeProvider.System).GetUtcNow());
        await _gate.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                client ??= await ConnectedClientAsync(cancellationToken);
                try
                {
                    await client.SendAsync(mime, cancellationToken);
                    return;
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
                {
                    throw new PermanentEffectException($"The SMTP server refused message {message.MessageId}: {(int)e.StatusCode} {e.Message}", e);
                }
                catch (Exception e) when (attempt == 0 && e is ServiceNotConnectedException or IOException or SocketException)
                {
                    // The reused connection went stale; reconnect once before reporting a transient failure.
                    LogReconnect(logger, e.Message);
                    await DropAsync(client);
                    client = null;
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException)
                {
                    await DropAsync(client);
                    client = null;
                    throw;
                }
            }
        }
        finally
        {
            // A connection that is still good goes back for the next mail.
            if (client is not null)
            {
                if (client.IsConnected) _idle.Enqueue(client);
                else await DropAsync(client);
            }

            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (idle.IsConnected) return idle;
            await DropAsync(idle);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host!, options.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            try
            {
                await client.ConnectAsync(socket, options.Host!, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), cancellationToken);
            }
            catch (NotSupportedException e)
            {
                // Smtp:Security=StartTls (the default) and the relay offers no STARTTLS — or an attacker removed it from the
                // relay's answer. Nothing is sent in clear text; the operator decides.
                throw new PermanentEffectException($"The SMTP relay {options.Host}:{options.Port} did not offer STARTTLS, so no mail is sent over an unencrypted connection. Use a relay with TLS, Smtp:Security=SslOnConnect (port 465), or on a trusted network Smtp:Security=None.", e);
            }

            if (!string.IsNullOrEmpty(options.Username))
            {
                // A relay that did not offer STARTTLS (or Security=None) would get the password in clear text.
                if (!client.IsSecure && !options.AllowUnencryptedAuthentication)
                    throw new PermanentEffectException($"The connection to {options.Host}:{options.Port} is not encrypted, so the password of Smtp:Username is not sent. Use Smtp:Security=StartTls or SslOnConnect (or, on a trusted network only, Smtp:AllowUnencryptedAuthentication=true).");
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    private async Task DropAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            LogReconnect(logger, e.Message);
        }

        client.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var client)) await DropAsync(client);
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection dropped: {Reason}")]
    private static partial void LogReconnect(ILogger logger, string reason);
}
