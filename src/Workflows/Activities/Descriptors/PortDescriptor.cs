namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>A flow or embedded port.</summary>
public sealed record PortDescriptor(string Name, string DisplayName, PortType Type, bool IsBrowsable = true);
