namespace Opiskeluhuolto.Host.Apis;

/// <summary>Elsa's list envelope.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, long Count);
