using Opiskeluhuolto.Planning.Approvals;

namespace Opiskeluhuolto.Planning.Meetings;

/// <summary>One meeting and what has been sent for it.</summary>
public sealed class MeetingState
{
    /// <summary>Stable id (also the calendar entry's id).</summary>
    public string Id { get; set; } = "";

    /// <summary>Title per language (fi, sv, en).</summary>
    public Dictionary<string, string> Title { get; set; } = [];

    /// <summary>Start.</summary>
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>End.</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Place or meeting link.</summary>
    public string? Location { get; set; }

    /// <summary>Everyone invited.</summary>
    public List<ApprovalPerson> Invitees { get; set; } = [];

    /// <summary>Calendar days before the meeting the invitation goes out.</summary>
    public int InviteDaysBefore { get; set; }

    /// <summary>Calendar days before the meeting reminders go out.</summary>
    public List<int> ReminderDaysBefore { get; set; } = [];

    /// <summary>When the invitations were sent.</summary>
    public DateTimeOffset? InvitedAt { get; set; }

    /// <summary>When reminders were sent.</summary>
    public List<DateTimeOffset> RemindedAt { get; set; } = [];

    /// <summary>Whether the meeting has ended.</summary>
    public bool Held { get; set; }

    /// <summary>Deputies of invited members (by the member's lower-case address).</summary>
    public Dictionary<string, ApprovalPerson> Deputies { get; set; } = [];

    /// <summary>Members whose deputy has been invited.</summary>
    public HashSet<string> DeputiesInvited { get; set; } = [];

    /// <summary>Replies by lower-case address: Attending or NotAttending.</summary>
    public Dictionary<string, string> Responses { get; set; } = [];
}
