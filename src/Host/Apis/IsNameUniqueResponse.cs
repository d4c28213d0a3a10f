namespace Opiskeluhuolto.Host.Apis;

/// <summary>Name uniqueness.</summary>
public sealed record IsNameUniqueResponse(bool IsUnique);
