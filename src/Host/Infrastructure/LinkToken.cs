namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>What a signed link carries: an event for an instance, or one bookmark of an instance.</summary>
public sealed record LinkToken(string? EventName, string? BookmarkId, string WorkflowInstanceId, DateTimeOffset ExpiresAt);
