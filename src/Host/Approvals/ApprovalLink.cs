namespace Opiskeluhuolto.Host.Approvals;

/// <summary>What a decision link carries: one seat of one approval, one person, an optional preselected decision.</summary>
public sealed record ApprovalLink(string InstanceId, string SeatId, string Email, string Language, string? Decision, DateTimeOffset ExpiresAt);
