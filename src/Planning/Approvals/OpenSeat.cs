namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// One person asked in one open seat of a running instance (table <c>ApprovalSeats</c>): the index the task inbox and
/// the link request look people up in by equality, instead of searching instance state. Written with the instance's
/// state in the same commit (<see cref="ApprovalSeatIndex"/>).
/// </summary>
public sealed class OpenSeat
{
    /// <summary>The person's address, lower-cased.</summary>
    public string Email { get; set; } = "";

    /// <summary>The instance.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>The seat.</summary>
    public string SeatId { get; set; } = "";
}
