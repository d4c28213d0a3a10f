using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>A mail carrying a fresh personal task-inbox link, asked for on the inbox page.</summary>
public sealed record InboxLinkMailEffect(string MessageId, string Email, string Language, string? Name = null) : WorkflowEffect
{
    /// <inheritdoc />
    public override EffectReceipt? Receipt() => new([Email], null);
}
