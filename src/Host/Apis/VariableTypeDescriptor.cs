namespace Opiskeluhuolto.Host.Apis;

/// <summary>A variable type.</summary>
public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description);
