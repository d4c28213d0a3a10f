namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>The e-mail port: the engine writes <see cref="SendEmailEffect"/>s; an outer project sends them.</summary>
public interface IEmailSender
{
    /// <summary>Sends (or delivers to a pickup folder).</summary>
    Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken);

    /// <summary>Whether sending the same message twice delivers it once (a pickup folder keyed by Message-ID is; SMTP is not).</summary>
    bool IsIdempotent => false;
}
