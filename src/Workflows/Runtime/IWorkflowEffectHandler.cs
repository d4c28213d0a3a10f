namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Carries out one kind of effect from the outbox. Handlers must be idempotent: delivery is at least once.</summary>
public interface IWorkflowEffectHandler
{
    /// <summary>Whether this handler takes the effect.</summary>
    bool CanHandle(WorkflowEffect effect);

    /// <summary>Carries it out; throws to have it retried.</summary>
    Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken);

    /// <summary>
    /// Whether carrying the effect out twice is harmless. After a crash in the middle of a non-idempotent effect the
    /// message is dead-lettered as "delivery uncertain" for an admin to decide, instead of being repeated.
    /// </summary>
    bool IsIdempotent(WorkflowEffect effect) => true;
}

/// <summary>The e-mail port: the engine writes <see cref="SendEmailEffect"/>s; an outer project sends them.</summary>
public interface IEmailSender
{
    /// <summary>Sends (or delivers to a pickup folder).</summary>
    Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken);

    /// <summary>Whether sending the same message twice delivers it once (a pickup folder keyed by Message-ID is; SMTP is not).</summary>
    bool IsIdempotent => false;
}

/// <summary>A permanent failure: retrying will not help; the message is dead-lettered at once.</summary>
public sealed class PermanentEffectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PermanentEffectException() { }

    /// <summary>Creates the exception.</summary>
    public PermanentEffectException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public PermanentEffectException(string message, Exception inner) : base(message, inner) { }
}
