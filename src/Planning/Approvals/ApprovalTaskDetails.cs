namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>One seat of a stored approval with what it is about; <see cref="Open"/> while the instance runs.</summary>
public sealed record ApprovalTaskDetails(string Title, string? Description, IReadOnlyList<string> Documents, DateTimeOffset DueAt, ApprovalSeat Seat, bool Open, string Kind = "Approval")
{
    /// <summary>What the answer records (Document, Decision, Attachment); null when nothing but the answer.</summary>
    public string? Record { get; init; }

    /// <summary>Minutes: the seats whose attendance is recorded, in order.</summary>
    public IReadOnlyList<MeetingSeat> Attendees { get; init; } = [];
}
