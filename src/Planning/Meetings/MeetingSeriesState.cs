namespace Opiskeluhuolto.Planning.Meetings;

/// <summary>Persisted state of <see cref="InviteToMeetings"/>.</summary>
public sealed class MeetingSeriesState
{
    /// <summary>The meetings.</summary>
    public List<MeetingState> Meetings { get; set; } = [];

    /// <summary>Organiser's e-mail.</summary>
    public string? Organizer { get; set; }

    /// <summary>Organiser's name.</summary>
    public string? OrganizerName { get; set; }

    /// <summary>Whether invitees are asked to reply.</summary>
    public bool Rsvp { get; set; } = true;
}
