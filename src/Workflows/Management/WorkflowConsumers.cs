using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>The nodes of a definition that use another workflow as an activity, found and re-pointed in its JSON.</summary>
public static class WorkflowConsumers
{
    /// <summary>Whether <paramref name="root"/> has a node that uses <paramref name="child"/> (by definition id or type name).</summary>
    public static bool Uses(JsonNode? root, WorkflowDefinition child) => Nodes(root, child).Any();

    /// <summary>
    /// Points every node that uses <paramref name="child"/> at that version (version, version id and the "latest
    /// available published" fields Elsa writes); returns how many nodes changed.
    /// </summary>
    public static int Repoint(JsonNode? root, WorkflowDefinition child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var changed = 0;
        foreach (var node in Nodes(root, child).ToList())
        {
            if (node["version"] is JsonValue v && v.TryGetValue<int>(out var version) && version == child.Version
                && node["workflowDefinitionVersionId"] is JsonValue id && id.TryGetValue<string>(out var versionId) && versionId == child.Id) continue;
            node["version"] = child.Version;
            node["workflowDefinitionId"] = child.DefinitionId;
            node["workflowDefinitionVersionId"] = child.Id;
            node["latestAvailablePublishedVersion"] = child.Version;
            node["latestAvailablePublishedVersionId"] = child.Id;
            changed++;
        }

        return changed;
    }

    /// <summary>
    /// Writes <c>workflowDefinitionId</c> and <c>workflowDefinitionVersionId</c> on every node that uses a workflow as
    /// an activity, for the version its <c>version</c> names (as Elsa's serializer does; the Studio's Version tab reads
    /// them). Returns how many nodes changed.
    /// </summary>
    public static int FillReferences(JsonNode? root, Activities.ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var changed = 0;
        foreach (var o in Objects(root))
        {
            if (o["type"] is not JsonValue t || !t.TryGetValue<string>(out var type)) continue;
            int? version = o["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : null;
            if (registry.Find(type, version) is not WorkflowDefinitionActivity activity) continue;
            if (o["workflowDefinitionId"] is JsonValue d && d.TryGetValue<string>(out var definitionId) && definitionId == activity.DefinitionId
                && o["workflowDefinitionVersionId"] is JsonValue i && i.TryGetValue<string>(out var versionId) && versionId == activity.DefinitionVersionId) continue;
            o["workflowDefinitionId"] = activity.DefinitionId;
            o["workflowDefinitionVersionId"] = activity.DefinitionVersionId;
            changed++;
        }

        return changed;
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? root, WorkflowDefinition child)
    {
        var typeName = WorkflowDefinitionActivity.TypeNameOf(child.Name ?? child.DefinitionId);
        return Objects(root).Where(o => o["type"] is JsonValue t && t.TryGetValue<string>(out var type)
            && (type == typeName || (o["workflowDefinitionId"] is JsonValue d && d.TryGetValue<string>(out var definitionId) && definitionId == child.DefinitionId)));
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? root)
    {
        var stack = new Stack<JsonNode>();
        if (root is not null) stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject o:
                    yield return o;
                    foreach (var (_, value) in o)
                    {
                        if (value is JsonObject or JsonArray) stack.Push(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var value in a)
                    {
                        if (value is JsonObject or JsonArray) stack.Push(value);
                    }

                    break;
            }
        }
    }
}
