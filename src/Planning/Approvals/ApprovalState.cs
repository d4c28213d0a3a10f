using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>A person asked to decide.</summary>
public sealed class ApprovalPerson
{
    /// <summary>Work e-mail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>fi, sv or en.</summary>
    public string Language { get; set; } = "fi";

    /// <summary>The organisation the person answers for (shown in statement requests and escalations).</summary>
    public string? Organisation { get; set; }
}

/// <summary>One seat: a member, optionally with a deputy (varajäsen) who may answer in their place.</summary>
public sealed class ApprovalSeat
{
    /// <summary>Seat id (unique per task; part of the decision stimulus).</summary>
    public string SeatId { get; set; } = "";

    /// <summary>The member.</summary>
    public ApprovalPerson Member { get; set; } = new();

    /// <summary>The deputy, if any.</summary>
    public ApprovalPerson? Deputy { get; set; }

    /// <summary>Whether the deputy has been asked.</summary>
    public bool DeputyAsked { get; set; }

    /// <summary>The answer (Approved, Rejected, ChangesRequested; Submitted, NoStatement; Done); null while open.</summary>
    public string? Decision { get; set; }

    /// <summary>Comment given with the decision.</summary>
    public string? Comment { get; set; }

    /// <summary>Who decided (the member or the deputy).</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Whether the deputy decided.</summary>
    public bool DecidedByDeputy { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Level in a sequential chain (0 = first; always 0 without levels).</summary>
    public int Level { get; set; }

    /// <summary>The coordinator replaced this person: the seat no longer counts and its links no longer work.</summary>
    public bool Removed { get; set; }
}

/// <summary>Persisted state of a running approval.</summary>
public sealed class ApprovalState
{
    /// <summary>Due time.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Approval, Statement or Task (see <see cref="RequestApproval.Kinds"/>).</summary>
    public string Kind { get; set; } = "Approval";

    /// <summary>Seats of every level.</summary>
    public List<ApprovalSeat> Seats { get; set; } = [];

    /// <summary>Levels of a sequential chain; empty when the activity's own quorum applies to one group.</summary>
    public List<ApprovalLevel> Levels { get; set; } = [];

    /// <summary>The level now being asked.</summary>
    public int CurrentLevel { get; set; }

    /// <summary>Seats of the level now being asked.</summary>
    [JsonIgnore]
    public IEnumerable<ApprovalSeat> ActiveSeats => Seats.Where(s => s.Level == CurrentLevel && !s.Removed);

    /// <summary>Reminders already sent (days before due).</summary>
    public List<int> RemindersSent { get; set; } = [];

    /// <summary>Reminders the coordinator sent by hand.</summary>
    public int ManualReminders { get; set; }

    /// <summary>When the last reminder (scheduled or by hand) went out.</summary>
    public DateTimeOffset? LastReminderAt { get; set; }
}

/// <summary>One level of a sequential approval chain: the next level is asked once this one has approved.</summary>
public sealed class ApprovalLevel
{
    /// <summary>Name shown in the journal (e.g. "Sivistysjohtajat").</summary>
    public string? Name { get; set; }

    /// <summary>All, Any, Majority or Count.</summary>
    public string Quorum { get; set; } = "All";

    /// <summary>With quorum Count: approvals needed.</summary>
    public int? RequiredApprovals { get; set; }
}
