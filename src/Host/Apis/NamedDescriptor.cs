namespace Opiskeluhuolto.Host.Apis;

/// <summary>An option identified by name.</summary>
public sealed record NamedDescriptor(string Name, string DisplayName, string Description);
