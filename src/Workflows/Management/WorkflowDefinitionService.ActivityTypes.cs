using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Management;

// Workflows used as activities: who consumes a definition, pointing consumers at a new version, and the registered
// workflow-as-activity types (refreshed after every change, and when another node changed them).
public sealed partial class WorkflowDefinitionService
{
    /// <summary>The definitions whose latest version uses <paramref name="definitionId"/> as an activity.</summary>
    public async Task<IReadOnlyList<string>> ConsumersAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var child = await FindAsync(definitionId, VersionOptions.Latest, cancellationToken);
        if (child is null || !child.IsUsableAsActivity) return [];
        var typeName = Activities.Composition.WorkflowDefinitionActivity.TypeNameOf(child.Name ?? child.DefinitionId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The type name or the definition id appears in a consumer's document; the JSON decides.
        var candidates = await db.WorkflowDefinitions.AsNoTracking()
            .Where(x => x.IsLatest && x.DefinitionId != definitionId && (x.Data.Contains(typeName) || x.Data.Contains(definitionId)))
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(r => WorkflowConsumers.Uses(ToModel(r).Root, child)).Select(r => r.DefinitionId).Distinct().Order(StringComparer.Ordinal)];
    }

    private static readonly AsyncLocal<HashSet<string>?> Updating = new();

    /// <summary>
    /// Points every consumer at the published version of <paramref name="definitionId"/> (Elsa's "update references"):
    /// a consumer whose latest version is published gets a new, published version; a draft is updated in place.
    /// Returns the consumers changed.
    /// </summary>
    public async Task<IReadOnlyList<string>> UpdateReferencesAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var child = await FindAsync(definitionId, VersionOptions.Published, cancellationToken);
        if (child is null) return [];
        // A chain of auto-updating workflows updates each one once (and a loop of them ends).
        var outer = Updating.Value is null;
        Updating.Value ??= new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!Updating.Value.Add(definitionId)) return [];
            var affected = new List<string>();
            foreach (var consumerId in await ConsumersAsync(definitionId, cancellationToken))
            {
                var consumer = await FindAsync(consumerId, VersionOptions.Latest, cancellationToken);
                if (consumer is null || WorkflowConsumers.Repoint(consumer.Root, child) == 0) continue;
                await SaveAsync(consumer, publish: consumer.IsPublished, cancellationToken);
                LogConsumerUpdated(logger, consumerId, definitionId, child.Version);
                affected.Add(consumerId);
            }

            return affected;
        }
        finally
        {
            if (outer) Updating.Value = null;
        }
    }

    private async Task<IReadOnlyList<string>> AfterPublishAsync(WorkflowDefinition published, CancellationToken cancellationToken) =>
        published.IsUsableAsActivity && published.Options.AutoUpdateConsumingWorkflows ? await UpdateReferencesAsync(published.DefinitionId, cancellationToken) : [];

    /// <summary>Reloads the workflow-as-activity types from the store.</summary>
    public async Task RefreshActivityTypesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Every stored version: a parent version or a running instance may reference any of them (Elsa registers each).
        var records = await db.WorkflowDefinitions.AsNoTracking().Where(x => x.UsableAsActivity).ToListAsync(cancellationToken);
        registry.ReplaceWorkflowActivities(records.Select(r => new WorkflowDefinitionActivity(ToModel(r))));
        graphs.Clear();
        _activityTypesStamp = Stamp(records.Select(r => $"{r.Id}:{r.IsPublished}:{r.Data.Length}"));
    }

    /// <summary>
    /// Refreshes the workflow-as-activity types when another node published or retracted one since (several nodes on
    /// one database); a cheap id query otherwise. Returns true when it refreshed.
    /// </summary>
    public async Task<bool> RefreshActivityTypesIfChangedAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // Id, published flag and document length: a draft saved again in place changes its length in practice.
            var rows = await db.WorkflowDefinitions.AsNoTracking().Where(x => x.UsableAsActivity)
                .Select(x => new { x.Id, x.IsPublished, x.Data.Length }).ToListAsync(cancellationToken);
            if (string.Equals(Stamp(rows.Select(r => $"{r.Id}:{r.IsPublished}:{r.Length}")), _activityTypesStamp, StringComparison.Ordinal)) return false;
        }

        await RefreshActivityTypesAsync(cancellationToken);
        return true;
    }

    private string? _activityTypesStamp;

    private static string Stamp(IEnumerable<string> versions) => string.Join('|', versions.Order(StringComparer.Ordinal));

    private async Task AfterChangeAsync(CancellationToken cancellationToken)
    {
        await RefreshActivityTypesAsync(cancellationToken);
        foreach (var wakeUp in wakeUps) await wakeUp.TriggersChangedAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {ConsumerId} now uses version {Version} of {DefinitionId}")]
    private static partial void LogConsumerUpdated(ILogger logger, string consumerId, string definitionId, int version);
}
