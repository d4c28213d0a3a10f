namespace Opiskeluhuolto.Host.Apis;

/// <summary>Count envelope.</summary>
public sealed record CountResponse(long Count);
