namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>An open request (approval, statement or task).</summary>
public sealed record DashboardRequest(string InstanceId, string RequestId, string Title, string Kind, DateTimeOffset DueAt, int Answered, int Asked, IReadOnlyList<DashboardSeat> Seats, DateTimeOffset? LastReminderAt);
