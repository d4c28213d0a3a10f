using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Meetings;

/// <summary>A meeting mail (invitation with .ics, or reminder) to render in the recipient's language and send after commit.</summary>
public sealed record MeetingMailEffect(
    string Template,
    string MessageId,
    string WorkflowInstanceId,
    string MeetingId,
    ApprovalPerson Recipient,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Location,
    string? Organizer,
    string? OrganizerName,
    IReadOnlyList<string> Attendees) : WorkflowEffect
{
    /// <summary>Whether the invitation carries reply links (attending / not attending).</summary>
    public bool Rsvp { get; init; }

    /// <summary>Whether the recipient's deputy is invited in their place when they cannot come.</summary>
    public bool HasDeputy { get; init; }

    /// <inheritdoc />
    public override EffectReceipt? Receipt() => new([Recipient.Email], Title);
}
