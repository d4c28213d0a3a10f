namespace Opiskeluhuolto.Host.Apis;

/// <summary>A storage driver.</summary>
public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);
