using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>An input of an activity type.</summary>
public sealed record InputDescriptor
{
    /// <summary>PascalCase name; the JSON member is its camelCase.</summary>
    public required string Name { get; init; }

    /// <summary>Type alias.</summary>
    public string TypeName { get; init; } = "String";

    /// <summary>Label.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Help text.</summary>
    public string? Description { get; init; }

    /// <summary>Order in the panel.</summary>
    public int Order { get; init; }

    /// <summary>Category (tab group).</summary>
    public string? Category { get; init; }

    /// <summary>Shown in Studio.</summary>
    public bool IsBrowsable { get; init; } = true;

    /// <summary>Written to JSON.</summary>
    public bool IsSerializable { get; init; } = true;

    /// <summary>Synthetic (workflow-as-activity).</summary>
    public bool IsSynthetic { get; init; }

    /// <summary>Wrapped in <c>{typeName, expression}</c>.</summary>
    public bool IsWrapped { get; init; } = true;

    /// <summary>UI hint.</summary>
    public string UiHint { get; init; } = "singleline";

    /// <summary>Default value pre-filled by Studio.</summary>
    public JsonNode? DefaultValue { get; init; }

    /// <summary>Initial expression syntax.</summary>
    public string? DefaultSyntax { get; init; } = "Literal";

    /// <summary>Read-only in Studio.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>Sensitive (not journaled).</summary>
    public bool IsSensitive { get; init; }

    /// <summary>Evaluated before execution.</summary>
    public bool AutoEvaluate { get; init; } = true;

    /// <summary>Storage driver type.</summary>
    public string? StorageDriverType { get; init; }

    /// <summary>UI-hint specific data.</summary>
    public JsonObject? UiSpecifications { get; init; }
}
