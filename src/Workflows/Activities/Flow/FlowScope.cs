namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary>Visit counters of the counter-based flowchart mode, persisted in the flowchart context as <c>FlowScope</c>.</summary>
public sealed class FlowScope
{
    /// <summary>How often each activity completed (or was skipped).</summary>
    public Dictionary<string, int> ActivitiesVisitCount { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each connection was visited.</summary>
    public Dictionary<string, int> ConnectionVisitCount { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the last visit of each connection followed it.</summary>
    public Dictionary<string, bool> ConnectionLastVisitFollowed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts an activity visit.</summary>
    public void VisitActivity(string id) => ActivitiesVisitCount[id] = ActivitiesVisitCount.GetValueOrDefault(id) + 1;

    /// <summary>Counts a connection visit.</summary>
    public void VisitConnection(FlowConnection connection, bool followed)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ConnectionVisitCount[connection.Key] = ConnectionVisitCount.GetValueOrDefault(connection.Key) + 1;
        ConnectionLastVisitFollowed[connection.Key] = followed;
    }

    /// <summary>A connection counts as visited for the target's next run when visited more often than the target ran.</summary>
    public bool IsVisited(FlowConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ConnectionVisitCount.GetValueOrDefault(connection.Key) > ActivitiesVisitCount.GetValueOrDefault(connection.Target.Id);
    }

    /// <summary>Visited and followed.</summary>
    public bool IsFollowed(FlowConnection connection) => IsVisited(connection) && ConnectionLastVisitFollowed.GetValueOrDefault(connection.Key);

    /// <summary>WaitAny: the target already ran for this round.</summary>
    public bool ShouldIgnore(FlowConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ConnectionVisitCount.GetValueOrDefault(connection.Key) <= ActivitiesVisitCount.GetValueOrDefault(connection.Target.Id);
    }
}
