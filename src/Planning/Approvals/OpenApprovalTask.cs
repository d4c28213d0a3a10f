namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>An open approval seat that waits for this person (as the member, or as the deputy once asked).</summary>
public sealed record OpenApprovalTask(
    string InstanceId, string CycleName, string SeatId, string Title, string? Description, IReadOnlyList<string> Documents, DateTimeOffset DueAt, bool AsDeputy, string Language, string? PersonName, string Kind = "Approval");
