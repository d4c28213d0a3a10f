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
    private readonly ConcurrentDictionary<string, Persistence.WorkflowDefinitionRecord> _published = new(StringComparer.Ordinal);

    /// <summary>A published definition version read before (its document never changes once published), or null.</summary>
    public Persistence.WorkflowDefinitionRecord? PublishedVersion(string versionId) => _published.GetValueOrDefault(versionId);

    /// <summary>Remembers a version read from the store when it is published, so resumes need not read it again.</summary>
    public void Remember(Persistence.WorkflowDefinitionRecord version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!version.IsPublished) return;
        if (_published.Count > 2_000) _published.Clear();
        _published[version.Id] = version;
    }

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
    public void Clear()
    {
        _graphs.Clear();
        _published.Clear();
    }
}
