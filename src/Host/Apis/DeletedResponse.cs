namespace Opiskeluhuolto.Host.Apis;

/// <summary>Delete count.</summary>
public sealed record DeletedResponse(int Deleted);
