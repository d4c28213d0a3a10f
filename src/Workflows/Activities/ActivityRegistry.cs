using System.Collections.Immutable;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>Known activity types by type name and version: the built-ins plus published workflows usable as activities.</summary>
public sealed class ActivityRegistry
{
    private readonly ImmutableDictionary<string, ImmutableList<Activity>> _builtIns;
    private ImmutableDictionary<string, ImmutableList<Activity>> _dynamic = ImmutableDictionary<string, ImmutableList<Activity>>.Empty;

    /// <summary>Creates a registry.</summary>
    public ActivityRegistry(IEnumerable<Activity> builtIns)
    {
        _builtIns = Group(builtIns);
    }

    /// <summary>All activity types.</summary>
    public IEnumerable<Activity> All => _builtIns.Values.Concat(_dynamic.Values).SelectMany(v => v);

    /// <summary>Finds a type; with no version, the highest one.</summary>
    public Activity? Find(string typeName, int? version = null)
    {
        if (!_builtIns.TryGetValue(typeName, out var list) && !_dynamic.TryGetValue(typeName, out list)) return null;
        return version is null or 0 ? list[^1] : list.FirstOrDefault(a => a.Version == version);
    }

    /// <summary>Whether any version of the type exists.</summary>
    public bool Contains(string typeName) => _builtIns.ContainsKey(typeName) || _dynamic.ContainsKey(typeName);

    /// <summary>Replaces the workflow-as-activity types.</summary>
    public void ReplaceWorkflowActivities(IEnumerable<Activity> activities) =>
        Interlocked.Exchange(ref _dynamic, Group(activities.Where(a => !_builtIns.ContainsKey(a.TypeName))));

    private static ImmutableDictionary<string, ImmutableList<Activity>> Group(IEnumerable<Activity> activities) =>
        activities.GroupBy(a => a.TypeName, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(a => a.Version).ToImmutableList(), StringComparer.Ordinal);
}
