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

    private static IEnumerable<JsonObject> Nodes(JsonNode? root, WorkflowDefinition child)
    {
        var typeName = WorkflowDefinitionActivity.TypeNameOf(child.Name ?? child.DefinitionId);
        var stack = new Stack<JsonNode>();
        if (root is not null) stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject o:
                    if (o["type"] is JsonValue t && t.TryGetValue<string>(out var type)
                        && (type == typeName || (o["workflowDefinitionId"] is JsonValue d && d.TryGetValue<string>(out var definitionId) && definitionId == child.DefinitionId)))
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
