namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>An output of an activity type.</summary>
public sealed record OutputDescriptor
{
    /// <summary>PascalCase name.</summary>
    public required string Name { get; init; }

    /// <summary>Type alias.</summary>
    public string TypeName { get; init; } = "Object";

    /// <summary>Label.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Help text.</summary>
    public string? Description { get; init; }

    /// <summary>Order.</summary>
    public int Order { get; init; }

    /// <summary>Shown in Studio.</summary>
    public bool IsBrowsable { get; init; } = true;

    /// <summary>Journaled.</summary>
    public bool IsSerializable { get; init; } = true;

    /// <summary>Synthetic.</summary>
    public bool IsSynthetic { get; init; }
}
