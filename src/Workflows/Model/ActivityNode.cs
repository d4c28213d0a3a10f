using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

/// <summary>A typed view over one activity object of a workflow document; the JSON stays the source of truth.</summary>
public sealed class ActivityNode
{
    private readonly List<ActivityNode> _children = [];

    internal ActivityNode(JsonObject json, ActivityNode? parent, string? port)
    {
        Json = json;
        Parent = parent;
        Port = port;
    }

    /// <summary>The activity object.</summary>
    public JsonObject Json { get; }

    /// <summary>The owning node (container or the activity whose embedded port holds this one).</summary>
    public ActivityNode? Parent { get; }

    /// <summary>Embedded port or collection this node sits in (<c>activities</c>, <c>then</c>, <c>body</c>…).</summary>
    public string? Port { get; }

    /// <summary>Direct child nodes.</summary>
    public IReadOnlyList<ActivityNode> Children => _children;

    /// <summary>Activity id, unique within the workflow.</summary>
    public string Id => ActivityJson.GetString(Json, "id") ?? "";

    /// <summary>Path of ancestor ids joined with colons.</summary>
    public string NodeId => ActivityJson.GetString(Json, "nodeId") ?? Id;

    /// <summary>Activity type name.</summary>
    public string Type => ActivityJson.GetString(Json, "type") ?? "";

    /// <summary>Technical name.</summary>
    public string? Name => ActivityJson.GetString(Json, "name");

    /// <summary>Declared type version; null when missing.</summary>
    public int? Version => ActivityJson.Get(Json, "version") is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>Custom properties object, if present.</summary>
    public JsonObject? CustomProperties => ActivityJson.Get(Json, "customProperties") as JsonObject;

    /// <summary>Whether the node is marked as the start / trigger of the workflow.</summary>
    public bool CanStartWorkflow => ActivityJson.GetBool(CustomProperties, "canStartWorkflow") ?? ActivityJson.GetBool(Json, "canStartWorkflow") ?? false;

    /// <summary>Gets a member by its camelCase name.</summary>
    public JsonNode? Get(string name) => ActivityJson.Get(Json, ActivityJson.Camel(name));

    /// <summary>Display label: name, else id.</summary>
    public override string ToString() => $"{Type} '{Name ?? Id}'";

    /// <summary>For a workflow-as-activity node: the definition version materialised below it.</summary>
    public WorkflowDefinition? CompositeDefinition { get; internal set; }

    internal void AddChild(ActivityNode child) => _children.Add(child);
}
