using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// The executable tree of one definition version: the implicit <c>Elsa.Workflow</c> node (id <c>Workflow1</c>) above
/// the definition's root, with every node indexed by node id. Built once per version and shared read-only.
/// </summary>
public sealed class WorkflowGraph
{
    /// <summary>Id of the implicit workflow node.</summary>
    public const string WorkflowNodeId = "Workflow1";

    private readonly Dictionary<string, ActivityNode> _byNodeId = new(StringComparer.Ordinal);

    private WorkflowGraph(WorkflowDefinition definition, ActivityNode workflowNode)
    {
        Definition = definition;
        WorkflowNode = workflowNode;
    }

    /// <summary>The definition version.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>The implicit workflow node.</summary>
    public ActivityNode WorkflowNode { get; }

    /// <summary>All nodes.</summary>
    public IEnumerable<ActivityNode> Nodes => _byNodeId.Values;

    /// <summary>Finds a node by node id.</summary>
    public ActivityNode? FindByNodeId(string nodeId) => _byNodeId.GetValueOrDefault(nodeId);

    /// <summary>Finds the first node with the given activity id.</summary>
    public ActivityNode? FindById(string id) => _byNodeId.Values.FirstOrDefault(n => n.Id == id);

    /// <summary>
    /// Builds the graph. Missing ids and node ids are assigned in the definition's JSON (as Elsa's identity pass does).
    /// Workflow-as-activity nodes get the referenced definition's root materialised below them.
    /// </summary>
    public static WorkflowGraph Build(WorkflowDefinition definition, ActivityRegistry registry, Func<ActivityNode, WorkflowDefinition?>? resolveComposite = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        var workflowJson = new JsonObject { ["id"] = WorkflowNodeId, ["nodeId"] = WorkflowNodeId, ["type"] = "Elsa.Workflow", ["version"] = 1 };
        var workflowNode = new ActivityNode(workflowJson, null, null);
        var graph = new WorkflowGraph(definition, workflowNode);
        graph._byNodeId[WorkflowNodeId] = workflowNode;
        if (definition.Root is not null)
        {
            var counters = new Dictionary<string, int>(StringComparer.Ordinal);
            AssignIds(definition.Root, counters, new HashSet<string>(StringComparer.Ordinal));
            graph.Attach(workflowNode, definition.Root, "root", registry, resolveComposite, 0);
        }

        return graph;
    }

    private void Attach(ActivityNode parent, JsonObject json, string port, ActivityRegistry registry, Func<ActivityNode, WorkflowDefinition?>? resolveComposite, int depth)
    {
        if (depth > 64) throw new WorkflowFormatException("$.root", "Activities are nested more than 64 levels deep.");
        var node = new ActivityNode(json, parent, port);
        var nodeId = parent.NodeId + ":" + node.Id;
        json["nodeId"] = nodeId;
        parent.AddChild(node);
        _byNodeId.TryAdd(nodeId, node);

        foreach (var (childPort, childJson) in ChildrenOf(node, registry))
            Attach(node, childJson, childPort, registry, resolveComposite, depth + 1);

        if (registry.Find(node.Type, node.Version) is Activities.Composition.WorkflowDefinitionActivity && resolveComposite?.Invoke(node) is { Root: not null } child)
        {
            var root = (JsonObject)child.Root.DeepClone();
            AssignIds(root, new Dictionary<string, int>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            node.CompositeDefinition = child;
            Attach(node, root, "root", registry, resolveComposite, depth + 1);
        }
    }

    /// <summary>The child activity objects of a node: container activities plus embedded ports.</summary>
    public static IEnumerable<(string Port, JsonObject Json)> ChildrenOf(ActivityNode node, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(registry);
        var activity = registry.Find(node.Type, node.Version);
        if (activity is null) yield break;
        if (activity.Descriptor.IsContainer && node.Get("activities") is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>()) yield return ("activities", item);
        }

        foreach (var port in activity.EmbeddedPorts)
        {
            var value = node.Get(port.Name);
            switch (port.Shape)
            {
                case EmbeddedPortShape.Single when value is JsonObject single:
                    yield return (port.Name, single);
                    break;
                case EmbeddedPortShape.Many when value is JsonArray many:
                    foreach (var item in many.OfType<JsonObject>()) yield return (port.Name, item);
                    break;
                case EmbeddedPortShape.Cases when value is JsonArray cases:
                    foreach (var c in cases.OfType<JsonObject>())
                    {
                        foreach (var member in port.ItemMembers)
                        {
                            if (ActivityJson.Get(c, member) is JsonObject caseActivity) yield return (port.Name, caseActivity);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Assigns <c>&lt;ShortType&gt;&lt;n&gt;</c> ids to activities that lack one (recursively through every nested activity object).</summary>
    internal static void AssignIds(JsonObject json, Dictionary<string, int> counters, HashSet<string> used)
    {
        var id = ActivityJson.GetString(json, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            var type = ActivityJson.GetString(json, "type") ?? "Activity";
            var shortName = type[(type.LastIndexOf('.') + 1)..];
            string candidate;
            do
            {
                counters[shortName] = counters.GetValueOrDefault(shortName) + 1;
                candidate = shortName + counters[shortName];
            }
            while (used.Contains(candidate));

            json["id"] = candidate;
            id = candidate;
        }

        used.Add(id);
        foreach (var (key, value) in json.ToList())
        {
            if (key is "metadata" or "customProperties") continue;
            switch (value)
            {
                case JsonObject o when o.ContainsKey("type") && IsActivityObject(o):
                    AssignIds(o, counters, used);
                    break;
                case JsonArray a:
                    foreach (var item in a.OfType<JsonObject>())
                    {
                        if (item.ContainsKey("type") && IsActivityObject(item))
                        {
                            AssignIds(item, counters, used);
                            continue;
                        }

                        // Cases, states and transitions: objects whose members hold activities.
                        foreach (var (_, member) in item.ToList())
                        {
                            if (member is JsonObject c && c.ContainsKey("type") && IsActivityObject(c)) AssignIds(c, counters, used);
                        }
                    }

                    break;
            }
        }
    }

    private static readonly HashSet<string> ExpressionTypes = new(StringComparer.Ordinal)
    {
        "Literal", "Object", "Json", "Variable", "Input", "JavaScript", "Liquid", "CSharp", "Python", "Delegate",
    };

    private static bool IsActivityObject(JsonObject o) =>
        o["type"] is JsonValue v && v.TryGetValue<string>(out var type) && (o.ContainsKey("id") || !ExpressionTypes.Contains(type));
}
