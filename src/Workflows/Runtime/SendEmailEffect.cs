namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Send an e-mail.</summary>
public sealed record SendEmailEffect(string MessageId, string WorkflowInstanceId, string? From, IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string Subject, string Body) : WorkflowEffect
{
    /// <summary>Attachments (e.g. an .ics invitation).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>The plain-text part; when absent it is derived from the HTML body, each link written out after its text.</summary>
    public string? TextBody { get; init; }

    /// <inheritdoc />
    public override EffectReceipt? Receipt() => new([.. To, .. Cc, .. Bcc], Subject);
}
