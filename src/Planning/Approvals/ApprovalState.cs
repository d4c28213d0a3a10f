using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>Persisted state of a running approval.</summary>
public sealed class ApprovalState
{
    /// <summary>Due time.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Approval, Statement or Task (see <see cref="RequestApproval.Kinds"/>).</summary>
    public string Kind { get; set; } = "Approval";

    /// <summary>What an answer records (<see cref="Cycles.Records.CycleRecordKinds"/>); null when nothing but the answer.</summary>
    public string? Record { get; set; }

    /// <summary>The documents linked, fixed when the request was made (the cycle's current version first, when asked for).</summary>
    public List<string> Documents { get; set; } = [];

    /// <summary>Whether the answers are advance views for a meeting (they never decide; the request ends at its due time).</summary>
    public bool Advisory { get; set; }

    /// <summary>Whether the warning about too few answers has been considered.</summary>
    public bool Warned { get; set; }

    /// <summary>Minutes: the seats whose attendance is recorded.</summary>
    public List<MeetingSeat> Attendees { get; set; } = [];

    /// <summary>Minutes: the chair's address (the chair's seat must be present for a quorum).</summary>
    public string? Chair { get; set; }

    /// <summary>Escalations sent while waiting past the due date.</summary>
    public int Escalations { get; set; }

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
