namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// An effect that reached a person (a mail handed to the relay), one row per recipient, written in the same commit that
/// removes its outbox row: what reached whom and when, after the outbox has forgotten it.
/// </summary>
public sealed class SentEffect
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The outbox message it was (a message sent again after a failure has a row per delivery).</summary>
    public long OutboxId { get; set; }

    /// <summary>Instance that produced it.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>Effect kind (as in the outbox).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The recipient's address, lower-cased.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>What it was about (a request's title, a subject).</summary>
    public string? Title { get; set; }

    /// <summary>When it was written to the outbox.</summary>
    public DateTimeOffset QueuedAt { get; set; }

    /// <summary>When it was carried out.</summary>
    public DateTimeOffset SentAt { get; set; }
}
