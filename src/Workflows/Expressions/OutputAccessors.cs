using System.Runtime.CompilerServices;
using System.Text;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>
/// Elsa's generated JavaScript accessors for activity outputs: <c>get{Output}From{Activity}()</c>, where the activity is
/// named by its <c>name</c> when the definition was saved by a 3.x tool (its <c>toolVersion</c>) and by its id before
/// that; both parts are PascalCased as Elsa does (<c>childWithOutput1</c> → <c>ChildWithOutput1</c>).
/// </summary>
public static class OutputAccessors
{
    private static readonly ConditionalWeakTable<WorkflowGraph, IReadOnlyDictionary<string, Target>> Cache = [];

    /// <summary>An accessor: the activity it reads and the output.</summary>
    public sealed record Target(string ActivityId, string OutputName, string TypeName);

    /// <summary>Whether accessors name activities by name (tool version 3 and later) rather than id.</summary>
    public static bool UsesNames(WorkflowDefinition definition) =>
        Version.TryParse(definition?.ToolVersion, out var version) && version.Major >= 3;

    /// <summary>The accessors of a graph (computed once per graph).</summary>
    public static IReadOnlyDictionary<string, Target> Of(WorkflowGraph graph, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Cache.GetValue(graph, g => Build(g.Nodes, UsesNames(g.Definition), registry));
    }

    /// <summary>The accessors of a set of nodes.</summary>
    public static IReadOnlyDictionary<string, Target> Build(IEnumerable<ActivityNode> nodes, bool byName, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(registry);
        var accessors = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var identifier = byName ? node.Name : node.Id;
            if (string.IsNullOrWhiteSpace(identifier) || registry.Find(node.Type, node.Version) is not { } activity) continue;
            foreach (var output in activity.Descriptor.Outputs)
            {
                var name = "get" + Pascalize(output.Name) + "From" + Pascalize(identifier);
                if (IsIdentifier(name)) accessors.TryAdd(name, new Target(node.Id, output.Name, output.TypeName));
            }
        }

        return accessors;
    }

    /// <summary>PascalCase as Elsa's Humanizer does it: words split at spaces, underscores and dashes, each capitalised.</summary>
    public static string Pascalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var upper = true;
        foreach (var c in text)
        {
            if (c is ' ' or '_' or '-')
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return result.ToString();
    }

    private static bool IsIdentifier(string name) => name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
