using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// Workflow definitions exported together as a zip (Studio's bulk export and "export with consuming workflows"): one
/// Elsa document per definition, workflows used as activities before the workflows that use them, so importing the
/// files in order never meets an unknown activity type.
/// </summary>
internal static class DefinitionExport
{
    /// <summary>The file name of a definition's document.</summary>
    public static string FileName(WorkflowDefinition model)
    {
        var slug = new string((model.Name ?? model.DefinitionId).ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"workflow-definition-{slug}-{model.DefinitionId}-{model.Id}.json";
    }

    /// <summary>The definitions plus (when asked) every workflow that uses one of them, children first.</summary>
    public static async Task<List<WorkflowDefinition>> WithConsumersAsync(IEnumerable<WorkflowDefinition> chosen, bool includeConsumers, WorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var all = chosen.GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var pending = new Queue<string>(all.Keys);
        while (includeConsumers && pending.Count > 0)
        {
            foreach (var consumer in await definitions.ConsumersAsync(pending.Dequeue(), cancellationToken))
            {
                if (all.ContainsKey(consumer) || await definitions.FindAsync(consumer, VersionOptions.Latest, cancellationToken) is not { } model) continue;
                all[consumer] = model;
                pending.Enqueue(consumer);
            }
        }

        return ChildrenFirst([.. all.Values]);
    }

    /// <summary>A zip with one document per definition, in the given order.</summary>
    public static byte[] Zip(IEnumerable<WorkflowDefinition> models) => ZipFiles.Create(models.Select(m => (FileName(m), DefinitionShapes.Export(m))));

    private static List<WorkflowDefinition> ChildrenFirst(List<WorkflowDefinition> models)
    {
        var ordered = new List<WorkflowDefinition>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Place(WorkflowDefinition model)
        {
            if (placed.Contains(model.DefinitionId) || !visiting.Add(model.DefinitionId)) return;
            foreach (var child in models.Where(c => c.DefinitionId != model.DefinitionId && c.IsUsableAsActivity && WorkflowConsumers.Uses(model.Root, c)))
                Place(child);
            visiting.Remove(model.DefinitionId);
            if (placed.Add(model.DefinitionId)) ordered.Add(model);
        }

        foreach (var model in models.OrderBy(m => m.DefinitionId, StringComparer.Ordinal)) Place(model);
        return ordered;
    }
}
