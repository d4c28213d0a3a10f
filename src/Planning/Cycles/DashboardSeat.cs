namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A person asked in an open request and whether they have answered.</summary>
public sealed record DashboardSeat(string SeatId, string Email, string? Name, string? Organisation, string? Answer, DateTimeOffset? AnsweredAt, bool ByDeputy, bool DeputyAsked);
