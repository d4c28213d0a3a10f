using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// An approval mail to render and send after the burst commits: a request (with decision links), a reminder, a deputy
/// request or an escalation. The Host renders it in the recipient's language and adds signed links.
/// </summary>
public sealed record ApprovalMailEffect(
    string Template,
    string MessageId,
    string WorkflowInstanceId,
    string SeatId,
    ApprovalPerson Recipient,
    string Title,
    string? Description,
    IReadOnlyList<string> Documents,
    DateTimeOffset DueAt,
    string? Organisation = null) : WorkflowEffect;
