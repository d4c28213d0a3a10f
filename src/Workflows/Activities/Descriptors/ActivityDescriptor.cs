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
