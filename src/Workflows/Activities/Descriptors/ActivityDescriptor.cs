using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>What Elsa Studio needs to know about an activity type (served at <c>/descriptors/activities</c>).</summary>
public sealed record ActivityDescriptor
{
    /// <summary>Full type name, e.g. <c>Elsa.WriteLine</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>Namespace part of the type name.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Name part of the type name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Type version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Toolbox group.</summary>
    public string Category { get; init; } = "Miscellaneous";

    /// <summary>Toolbox title.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Toolbox description.</summary>
    public string? Description { get; init; }

    /// <summary>Kind.</summary>
    public ActivityKind Kind { get; init; }

    /// <summary>Default for the runAsynchronously custom property.</summary>
    public bool RunAsynchronously { get; init; }

    /// <summary>Inputs.</summary>
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    /// <summary>Outputs.</summary>
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    /// <summary>Flow and embedded ports.</summary>
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];

    /// <summary>Free-form properties.</summary>
    public JsonObject CustomProperties { get; init; } = [];

    /// <summary>Properties Studio copies into a new node.</summary>
    public JsonObject ConstructionProperties { get; init; } = [];

    /// <summary>Container (owns activities and variables).</summary>
    public bool IsContainer { get; init; }

    /// <summary>Shown in the toolbox.</summary>
    public bool IsBrowsable { get; init; } = true;

    /// <summary>Start node (no inbound port).</summary>
    public bool IsStart { get; init; }

    /// <summary>Terminal node (no outbound port).</summary>
    public bool IsTerminal { get; init; }
}

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

/// <summary>A flow or embedded port.</summary>
public sealed record PortDescriptor(string Name, string DisplayName, PortType Type, bool IsBrowsable = true);

/// <summary>Port type.</summary>
public enum PortType
{
    /// <summary>An outcome connected in a flowchart.</summary>
    Flow,

    /// <summary>A child activity held by the activity.</summary>
    Embedded,
}
