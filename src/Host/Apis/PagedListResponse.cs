namespace Opiskeluhuolto.Host.Apis;

/// <summary>Elsa's paged envelope.</summary>
public sealed record PagedListResponse<T>(IReadOnlyList<T> Items, long TotalCount, IReadOnlyList<Link>? Links = null);
