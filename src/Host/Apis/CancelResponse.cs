namespace Opiskeluhuolto.Host.Apis;

/// <summary>Cancel count.</summary>
public sealed record CancelResponse(int Cancelled);
