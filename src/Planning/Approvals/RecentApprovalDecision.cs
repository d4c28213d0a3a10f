namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>A decision this person recorded recently.</summary>
public sealed record RecentApprovalDecision(string InstanceId, string CycleName, string Decision, DateTimeOffset DecidedAt);
