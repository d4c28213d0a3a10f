namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>What a coordinator's cycle calendar link carries: which cycle, in which language, when it was made and until when it works.</summary>
public sealed record CycleFeedLink(string CycleId, string Language, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
