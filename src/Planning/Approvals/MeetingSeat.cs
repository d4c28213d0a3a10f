namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>A seat at a meeting whose minutes are confirmed: the member and the personal deputy who may attend instead.</summary>
public sealed class MeetingSeat
{
    /// <summary>The member.</summary>
    public ApprovalPerson Member { get; set; } = new();

    /// <summary>The deputy, if any.</summary>
    public ApprovalPerson? Deputy { get; set; }
}
