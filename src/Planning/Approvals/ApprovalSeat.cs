namespace Opiskeluhuolto.Planning.Approvals;

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

    /// <summary>What the answer recorded (a document's link, a decision's date and section, …); null when nothing.</summary>
    public System.Text.Json.Nodes.JsonObject? Record { get; set; }

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
