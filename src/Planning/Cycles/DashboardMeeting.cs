namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A meeting and what has been sent for it.</summary>
public sealed record DashboardMeeting(string Id, string Title, DateTimeOffset StartsAt, string? Location, int Invitees, DateTimeOffset? InvitedAt, int Reminders, bool Held, int Attending = 0, int NotAttending = 0, string Series = "");
