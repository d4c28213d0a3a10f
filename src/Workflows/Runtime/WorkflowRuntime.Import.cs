using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Runtime;

// Instances brought from another installation.
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Imports an exported instance (Studio's instance import): stored with its bookmarks, its timers scheduled. False
    /// when an instance with the id exists; a running instance needs its workflow version to exist here.
    /// </summary>
    public async Task<bool> ImportAsync(WorkflowState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == Model.WorkflowStatus.Running)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.WorkflowDefinitions.AnyAsync(d => d.Id == state.DefinitionVersionId, cancellationToken))
                throw new Management.WorkflowConflictException($"Instance '{state.Id}' runs workflow version '{state.DefinitionVersionId}' ({state.DefinitionId} v{state.DefinitionVersion}), which is not here: import the workflow first.");
        }

        if (!await store.ImportAsync(state, cancellationToken)) return false;
        if (state.Status != Model.WorkflowStatus.Running) return true;
        outboxSignal.NotifyBookmarks();
        var due = state.Bookmarks.Where(b => registry.TimerBookmarkNames.Contains(b.Name))
            .Select(Activities.Scheduling.TimerActivityBase.DueTime).OfType<DateTimeOffset>().Distinct().ToList();
        if (due.Count == 0) return true;
        foreach (var wakeUp in _wakeUps) await wakeUp.WakeAtAsync(due, cancellationToken);
        return true;
    }
}
