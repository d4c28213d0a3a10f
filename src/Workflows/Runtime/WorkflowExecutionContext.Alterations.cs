using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

// What an operator's alteration may do to a loaded instance before it runs on.
public sealed partial class WorkflowExecutionContext
{
    /// <summary>Whether every bookmark row is written anew at the commit (the instance was revived or migrated).</summary>
    public bool BookmarksRewritten { get; private set; }

    /// <summary>Further statements committed with the instance (e.g. the alteration job this run carries out).</summary>
    internal List<(string Sql, object?[] Arguments)> CommitStatements { get; } = [];

    /// <summary>Writes every bookmark row anew at the commit.</summary>
    internal void RewriteBookmarks() => BookmarksRewritten = true;

    /// <summary>A faulted instance runs again: its fault is cleared and its bookmarks (removed from the index when it faulted) return.</summary>
    internal void Revive()
    {
        if (Status != WorkflowStatus.Finished || SubStatus != WorkflowSubStatus.Faulted) return;
        Status = WorkflowStatus.Running;
        SubStatus = WorkflowSubStatus.Executing;
        State.Fault = null;
        State.FinishedAt = null;
        RewriteBookmarks();
    }

    /// <summary>Runs an existing context again (a retried faulted activity): it executes as if just scheduled.</summary>
    internal void Requeue(ActivityExecutionContext context)
    {
        if (context.Status == Model.ActivityStatus.Faulted)
        {
            for (var c = context; c is not null; c = c.Parent) c.FaultCount = Math.Max(0, c.FaultCount - 1);
        }

        context.Status = Model.ActivityStatus.Pending;
        _queue.AddLast(new WorkItem(context, null));
    }

    /// <summary>Removes the incidents of an activity node; returns how many.</summary>
    internal int ResolveIncidents(string activityNodeId)
    {
        var resolved = 0;
        for (var i = State.Incidents.Count - 1; i >= 0; i--)
        {
            if (State.Incidents[i].ActivityNodeId != activityNodeId) continue;
            State.Incidents.RemoveAt(i);
            if (i < _initialIncidentCount) _initialIncidentCount--;
            resolved++;
        }

        return resolved;
    }
}
