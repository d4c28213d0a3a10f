namespace Opiskeluhuolto.Host.Apis;

/// <summary>Bulk retract result.</summary>
public sealed record BulkRetractResponse(IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> NotFound);
