namespace Opiskeluhuolto.Host.Apis;

/// <summary>Bulk publish result.</summary>
public sealed record BulkPublishResponse(IReadOnlyList<string> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<string> NotFound, IReadOnlyList<string> UpdatedConsumers);
