using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Alterations;

/// <summary>
/// Which instances a plan alters (Elsa's AlterationWorkflowInstanceFilter): every given criterion must hold; an empty
/// filter selects nothing unless <see cref="EmptyFilterSelectsAll"/>.
/// </summary>
public sealed record AlterationFilter
{
    /// <summary>Instance ids.</summary>
    public IReadOnlyList<string>? WorkflowInstanceIds { get; init; }

    /// <summary>Correlation ids.</summary>
    public IReadOnlyList<string>? CorrelationIds { get; init; }

    /// <summary>Definition ids.</summary>
    public IReadOnlyList<string>? DefinitionIds { get; init; }

    /// <summary>Definition version ids.</summary>
    public IReadOnlyList<string>? DefinitionVersionIds { get; init; }

    /// <summary>Version numbers (with <see cref="DefinitionIds"/>).</summary>
    public IReadOnlyList<int>? Versions { get; init; }

    /// <summary>Statuses (Running, Finished).</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Sub-statuses (Suspended, Faulted…).</summary>
    public IReadOnlyList<string>? SubStatuses { get; init; }

    /// <summary>Only instances with (or without) incidents.</summary>
    public bool? HasIncidents { get; init; }

    /// <summary>An empty filter selects every instance.</summary>
    public bool EmptyFilterSelectsAll { get; init; }

    private bool IsEmpty => WorkflowInstanceIds is null && CorrelationIds is null && DefinitionIds is null && DefinitionVersionIds is null
        && Versions is null && Statuses is null && SubStatuses is null && HasIncidents is null;

    /// <summary>Reads a filter; a malformed member throws <see cref="AlterationFormatException"/> naming it.</summary>
    public static AlterationFilter Read(JsonNode? node, string path)
    {
        if (node is null) return new AlterationFilter();
        if (node is not JsonObject o) throw new AlterationFormatException(path, "The filter must be a JSON object.");
        return new AlterationFilter
        {
            WorkflowInstanceIds = Texts(o, "workflowInstanceIds", path),
            CorrelationIds = Texts(o, "correlationIds", path),
            DefinitionIds = Texts(o, "definitionIds", path),
            DefinitionVersionIds = Texts(o, "definitionVersionIds", path),
            Versions = Numbers(o, "versions", path),
            Statuses = Texts(o, "statuses", path, ["Running", "Finished"]),
            SubStatuses = Texts(o, "subStatuses", path, Enum.GetNames<Model.WorkflowSubStatus>()),
            HasIncidents = Bool(o, "hasIncidents", path),
            EmptyFilterSelectsAll = Bool(o, "emptyFilterSelectsAll", path) ?? false,
        };
    }

    /// <summary>The filter as JSON (stored with a plan).</summary>
    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, WorkflowJson.Options)!;

    /// <summary>The ids of the selected instances, oldest first.</summary>
    public async Task<List<string>> SelectAsync(WorkflowsDbContext db, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (IsEmpty && !EmptyFilterSelectsAll) return [];
        var query = db.WorkflowInstances.AsNoTracking().Where(i => !i.IsSystem);
        if (WorkflowInstanceIds is { } ids) query = query.Where(i => ids.Contains(i.Id));
        if (CorrelationIds is { } correlations) query = query.Where(i => i.CorrelationId != null && correlations.Contains(i.CorrelationId));
        if (DefinitionIds is { } definitions) query = query.Where(i => definitions.Contains(i.DefinitionId));
        if (DefinitionVersionIds is { } versionIds) query = query.Where(i => versionIds.Contains(i.DefinitionVersionId));
        if (Versions is { } versions) query = query.Where(i => versions.Contains(i.Version));
        if (Statuses is { } statuses) query = query.Where(i => statuses.Contains(i.Status));
        if (SubStatuses is { } subStatuses) query = query.Where(i => subStatuses.Contains(i.SubStatus));
        if (HasIncidents is { } incidents) query = query.Where(i => incidents ? i.IncidentCount > 0 : i.IncidentCount == 0);
        return await query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.Id).Take(limit).ToListAsync(cancellationToken);
    }

    private static List<string>? Texts(JsonObject o, string name, string path, IReadOnlyCollection<string>? allowed = null)
    {
        var value = ActivityJson.Get(o, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        if (value is not JsonArray array) throw new AlterationFormatException($"{path}.{name}", $"'{name}' must be an array of strings.");
        var result = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length is 0 or > 200)
                throw new AlterationFormatException($"{path}.{name}[{i}]", "Each item must be a non-empty string.");
            if (allowed is not null && !allowed.Contains(s, StringComparer.Ordinal))
                throw new AlterationFormatException($"{path}.{name}[{i}]", $"'{s}' is not one of {string.Join(", ", allowed)}.");
            result.Add(s);
        }

        return result;
    }

    private static List<int>? Numbers(JsonObject o, string name, string path)
    {
        var value = ActivityJson.Get(o, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        if (value is not JsonArray array) throw new AlterationFormatException($"{path}.{name}", $"'{name}' must be an array of numbers.");
        return array.Select((item, i) => item is JsonValue v && v.TryGetValue<int>(out var n) ? n : throw new AlterationFormatException($"{path}.{name}[{i}]", "Each item must be a whole number.")).ToList();
    }

    private static bool? Bool(JsonObject o, string name, string path)
    {
        var value = ActivityJson.Get(o, name);
        return value?.GetValueKind() switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AlterationFormatException($"{path}.{name}", $"'{name}' must be true or false."),
        };
    }
}
