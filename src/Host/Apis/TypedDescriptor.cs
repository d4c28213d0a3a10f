namespace Opiskeluhuolto.Host.Apis;

/// <summary>An option identified by type name.</summary>
public sealed record TypedDescriptor(string TypeName, string DisplayName, string Description);
