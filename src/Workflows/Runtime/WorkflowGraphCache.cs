using System.Collections.Concurrent;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Built graphs by definition version id (they are immutable once built).</summary>
public sealed class WorkflowGraphCache(ActivityRegistry registry)
{
    private readonly ConcurrentDictionary<string, (string Data, WorkflowGraph Graph)> _graphs = new(StringComparer.Ordinal);

    /// <summary>The graph of a stored definition version (rebuilt when its stored document changed).</summary>
    public WorkflowGraph Get(string versionId, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_graphs.TryGetValue(versionId, out var entry) && string.Equals(entry.Data, data, StringComparison.Ordinal)) return entry.Graph;
        var graph = Build(WorkflowDefinitionReader.Read(data));
        if (_graphs.Count > 2_000) _graphs.Clear();
        _graphs[versionId] = (data, graph);
        return graph;
    }

    /// <summary>Builds a graph with workflow-as-activity nodes resolved from the registry.</summary>
    public WorkflowGraph Build(WorkflowDefinition definition) =>
        WorkflowGraph.Build(definition, registry, node => (registry.Find(node.Type, node.Version) as WorkflowDefinitionActivity)?.Definition);

    /// <summary>Drops every cached graph (after workflow-as-activity types changed).</summary>
    public void Clear() => _graphs.Clear();
}
