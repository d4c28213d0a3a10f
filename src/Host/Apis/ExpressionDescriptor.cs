namespace Opiskeluhuolto.Host.Apis;

/// <summary>An expression language.</summary>
public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, Dictionary<string, string> Properties);
