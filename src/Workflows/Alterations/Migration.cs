using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Alterations;

/// <summary>What moving one instance to another version would do: shown by the dry run, refused when not all is there.</summary>
public sealed record MigrationReport(
    string WorkflowInstanceId,
    int FromVersion,
    int ToVersion,
    IReadOnlyList<string> KeptActivities,
    IReadOnlyDictionary<string, string> MappedActivities,
    IReadOnlyList<string> MissingActivities,
    IReadOnlyList<string> AddedVariables,
    IReadOnlyList<string> DroppedVariables)
{
    /// <summary>Whether every waiting activity and bookmark has a place in the target version.</summary>
    public bool CanMigrate => MissingActivities.Count == 0;
}

/// <summary>
/// Version migration of an instance's state: every unfinished activity context and bookmark must find its node in the
/// target version, by the same node id or through the plan's activity mappings (old id → new id).
/// </summary>
public static class Migration
{
    /// <summary>Checks the migration of <paramref name="state"/> to <paramref name="target"/>.</summary>
    public static MigrationReport Check(WorkflowState state, WorkflowGraph source, WorkflowGraph target, IReadOnlyDictionary<string, string> mappings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mappings);
        var kept = new SortedSet<string>(StringComparer.Ordinal);
        var mapped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var nodeIds = state.ActivityExecutionContexts.Select(c => c.ScheduledActivityNodeId).Concat(state.Bookmarks.Select(b => b.ActivityNodeId));
        foreach (var nodeId in nodeIds.Distinct(StringComparer.Ordinal))
        {
            var activityId = LastSegment(nodeId);
            if (target.FindByNodeId(nodeId) is not null) kept.Add(activityId);
            else if (target.FindByNodeId(MapNodeId(nodeId, mappings)) is not null) mapped[activityId] = LastSegment(MapNodeId(nodeId, mappings));
            else missing.Add(activityId);
        }

        kept.Remove(WorkflowGraph.WorkflowNodeId);
        var before = source.Definition.Variables.ToDictionary(v => v.Id, v => v.Name, StringComparer.Ordinal);
        var after = target.Definition.Variables.ToDictionary(v => v.Id, v => v.Name, StringComparer.Ordinal);
        return new MigrationReport(state.Id, state.DefinitionVersion, target.Definition.Version, [.. kept], mapped, [.. missing],
            [.. after.Where(v => !before.ContainsKey(v.Key)).Select(v => v.Value).Order(StringComparer.Ordinal)],
            [.. before.Where(v => !after.ContainsKey(v.Key)).Select(v => v.Value).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Rewrites <paramref name="state"/> onto <paramref name="target"/> (call only when the check allows it).</summary>
    public static void Apply(WorkflowState state, WorkflowGraph target, IReadOnlyDictionary<string, string> mappings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(target);
        string Map(string nodeId) => target.FindByNodeId(nodeId) is not null ? nodeId : MapNodeId(nodeId, mappings);
        foreach (var context in state.ActivityExecutionContexts)
        {
            context.ScheduledActivityNodeId = Map(context.ScheduledActivityNodeId);
            if (context.OwnerActivityNodeId is { } owner) context.OwnerActivityNodeId = Map(owner);
        }

        foreach (var bookmark in state.Bookmarks)
        {
            bookmark.ActivityNodeId = Map(bookmark.ActivityNodeId);
            bookmark.ActivityId = LastSegment(bookmark.ActivityNodeId);
        }

        state.DefinitionVersionId = target.Definition.Id;
        state.DefinitionVersion = target.Definition.Version;
    }

    private static string MapNodeId(string nodeId, IReadOnlyDictionary<string, string> mappings) =>
        string.Join(':', nodeId.Split(':').Select(segment => mappings.TryGetValue(segment, out var to) ? to : segment));

    private static string LastSegment(string nodeId) => nodeId[(nodeId.LastIndexOf(':') + 1)..];
}
