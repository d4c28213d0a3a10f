namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>SMTP relay settings (<c>Smtp:*</c>). When <see cref="Host"/> is empty, mail goes to the pickup folder.</summary>
public sealed class SmtpOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Smtp";

    /// <summary>Relay host name.</summary>
    public string? Host { get; set; }

    /// <summary>Port (25, 587 with StartTls, 465 with SslOnConnect).</summary>
    public int Port { get; set; } = 25;

    /// <summary>User name; empty means no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// <c>StartTls</c> (default: a relay without STARTTLS gets no mail), <c>SslOnConnect</c> (port 465), or — only when
    /// configured — <c>None</c>, <c>Auto</c> or <c>StartTlsWhenAvailable</c> (which an attacker on the network can
    /// downgrade to clear text).
    /// </summary>
    public string Security { get; set; } = "StartTls";

    /// <summary>
    /// Connections kept open to the relay at most (default 2, at most 64; the outbox sends on one lane per connection):
    /// while one connection waits for the relay's reply, the outbox records the previous mail and sends the next on the
    /// other.
    /// </summary>
    public int MaxConnections { get; set; } = 2;

    /// <summary>Send the password over a connection that is not encrypted (off: a relay without TLS gets no password, the mail fails).</summary>
    public bool AllowUnencryptedAuthentication { get; set; }

    /// <summary>Per-command timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
