using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>
/// Known activity types by type name and version: those of every <see cref="IActivityProvider"/> (the built-ins and
/// whatever modules register) plus published workflows usable as activities.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly ImmutableDictionary<string, ImmutableList<Activity>> _registered;
    private ImmutableDictionary<string, ImmutableList<Activity>> _dynamic = ImmutableDictionary<string, ImmutableList<Activity>>.Empty;

    /// <summary>Creates a registry from the providers; two providers giving the same type and version is a start-up error.</summary>
    public ActivityRegistry(IEnumerable<IActivityProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var list = providers.SelectMany(p => p.GetActivities()).ToList();
        var twice = list.GroupBy(a => (a.TypeName, a.Version)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException($"Activity type '{twice.Key.TypeName}' version {twice.Key.Version} is registered twice.");
        _registered = Group(list);
        // Asked for every bookmark of every commit: a frozen set is the fastest lookup.
        TimerBookmarkNames = list.SelectMany(a => a.TimerBookmarkNames).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>All activity types.</summary>
    public IEnumerable<Activity> All => _registered.Values.Concat(_dynamic.Values).SelectMany(v => v);

    /// <summary>Names of the bookmarks that are timers (their due time is indexed and handed to the timer back-ends).</summary>
    public IReadOnlySet<string> TimerBookmarkNames { get; }

    /// <summary>
    /// Finds a type; with no version, the highest one. A workflow used as an activity resolves as Elsa's do: the version
    /// asked for (every stored version is registered), and when that version is gone (deleted from the history) or none
    /// is asked for, the published version, then the latest.
    /// </summary>
    public Activity? Find(string typeName, int? version = null)
    {
        if (_registered.TryGetValue(typeName, out var list)) return version is null or 0 ? list[^1] : list.FirstOrDefault(a => a.Version == version);
        if (!_dynamic.TryGetValue(typeName, out list)) return null;
        var exact = version is null or 0 ? null : list.FirstOrDefault(a => a.Version == version);
        return exact ?? list.LastOrDefault(a => a is Composition.WorkflowDefinitionActivity { Definition.IsPublished: true }) ?? list[^1];
    }

    /// <summary>Whether any version of the type exists.</summary>
    public bool Contains(string typeName) => _registered.ContainsKey(typeName) || _dynamic.ContainsKey(typeName);

    /// <summary>Replaces the workflow-as-activity types.</summary>
    public void ReplaceWorkflowActivities(IEnumerable<Activity> activities) =>
        Interlocked.Exchange(ref _dynamic, Group(activities.Where(a => !_registered.ContainsKey(a.TypeName))));

    private static ImmutableDictionary<string, ImmutableList<Activity>> Group(IEnumerable<Activity> activities) =>
        activities.GroupBy(a => a.TypeName, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(a => a.Version).ToImmutableList(), StringComparer.Ordinal);
}
