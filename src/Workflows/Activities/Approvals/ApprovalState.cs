namespace Opiskeluhuolto.Workflows.Activities.Approvals;

/// <summary>A person asked to decide.</summary>
public sealed class ApprovalPerson
{
    /// <summary>Work e-mail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>fi, sv or en.</summary>
    public string Language { get; set; } = "fi";
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

    /// <summary>Approved, Rejected or ChangesRequested; null while open.</summary>
    public string? Decision { get; set; }

    /// <summary>Comment given with the decision.</summary>
    public string? Comment { get; set; }

    /// <summary>Who decided (the member or the deputy).</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Whether the deputy decided.</summary>
    public bool DecidedByDeputy { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Persisted state of a running approval.</summary>
public sealed class ApprovalState
{
    /// <summary>Due time.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Seats.</summary>
    public List<ApprovalSeat> Seats { get; set; } = [];

    /// <summary>Reminders already sent (working days before due).</summary>
    public List<int> RemindersSent { get; set; } = [];
}
