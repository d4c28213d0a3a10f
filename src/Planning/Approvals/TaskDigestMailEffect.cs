using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>One person's summary of their open requests, rendered in their language with a link to their task page.</summary>
public sealed record TaskDigestMailEffect(string MessageId, string WorkflowInstanceId, ApprovalPerson Recipient, IReadOnlyList<TaskDigestItem> Items) : WorkflowEffect
{
    /// <inheritdoc />
    public override EffectReceipt? Receipt() => new([Recipient.Email], null);
}
