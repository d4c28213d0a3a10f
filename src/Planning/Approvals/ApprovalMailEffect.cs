using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// An approval mail to render and send after the burst commits: a request (with decision links), a reminder, an
/// escalation or the result. The Host renders it in the recipient's language and adds signed links.
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
    string? Organisation = null) : WorkflowEffect
{
    /// <summary>A short stable key of a recipient's address for message ids (the same person, the same key, whatever the case).</summary>
    public static string RecipientKey(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToUpperInvariant())))[..12];
    }

    /// <summary>Approval, Statement or Task.</summary>
    public string RequestKind { get; init; } = "Approval";

    /// <summary>Whether the recipient is asked as the deputy of a member who has not answered.</summary>
    public bool AsDeputy { get; init; }

    /// <summary>On an escalation: the people who have not answered.</summary>
    public IReadOnlyList<ApprovalPerson> Missing { get; init; } = [];

    /// <summary>On a result: how the request closed (Approved, ChangesRequested, Rejected, Done, TimedOut).</summary>
    public string? Outcome { get; init; }

    /// <summary>On a result: the recipient's own recorded answer, null when they did not answer.</summary>
    public string? Answer { get; init; }

    /// <summary>On an announcement: what was decided (body, meetingDate, section, caseNumber, minutesUrl, publicUrl, attachmentUrl).</summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }

    /// <summary>On a result: when the request closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <inheritdoc />
    public override EffectReceipt? Receipt() => new([Recipient.Email], Title);
}
