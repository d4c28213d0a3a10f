using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>Helpers for activity objects kept as JSON (so that unknown members and designer metadata survive).</summary>
public static class ActivityJson
{
    private static readonly HashSet<string> OpaqueMembers = new(StringComparer.OrdinalIgnoreCase) { "metadata", "customProperties" };

    /// <summary>Normalises legacy spellings in place: PascalCase member names become camelCase and legacy connection shapes become current ones.</summary>
    public static void Normalize(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        CamelCaseKeys(activity);
        NormalizeConnections(activity);
    }

    /// <summary>Reads a string member, case-insensitively.</summary>
    public static string? GetString(JsonObject obj, string name) =>
        Get(obj, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Gets a member, exact name first, then ignoring case.</summary>
    public static JsonNode? Get(JsonObject obj, string name)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.TryGetPropertyValue(name, out var value)) return value;
        foreach (var (key, v) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return v;
        }

        return null;
    }

    /// <summary>Reads a boolean member (true/false or "true"/"false").</summary>
    public static bool? GetBool(JsonObject? obj, string name)
    {
        if (obj is null || Get(obj, name) is not JsonValue v) return null;
        if (v.GetValueKind() is JsonValueKind.True) return true;
        if (v.GetValueKind() is JsonValueKind.False) return false;
        if (v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b)) return b;
        return null;
    }

    /// <summary>camelCase of a member name.</summary>
    public static string Camel(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>PascalCase of a member name.</summary>
    public static string Pascal(string name) =>
        string.IsNullOrEmpty(name) || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static void CamelCaseKeys(JsonObject obj)
    {
        var renames = obj.Select(p => p.Key).Where(k => k.Length > 0 && char.IsUpper(k[0]) && !k.StartsWith('$')).ToList();
        foreach (var key in renames)
        {
            var camel = Camel(key);
            var value = obj[key];
            obj.Remove(key);
            if (!obj.ContainsKey(camel)) obj[camel] = value;
        }

        foreach (var (key, value) in obj.ToList())
        {
            if (OpaqueMembers.Contains(key)) continue;
            if (key == "value" && obj.ContainsKey("type") && !obj.ContainsKey("id")) continue; // expression payload
            Descend(value);
        }
    }

    private static void Descend(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                CamelCaseKeys(o);
                break;
            case JsonArray a:
                foreach (var item in a) Descend(item);
                break;
        }
    }

    private static void NormalizeConnections(JsonObject node)
    {
        if (node["connections"] is { } connections) node["connections"] = NormalizeConnectionList(connections);
        foreach (var (key, value) in node.ToList())
        {
            if (OpaqueMembers.Contains(key) || key == "connections") continue;
            switch (value)
            {
                case JsonObject o when o.ContainsKey("type"):
                    NormalizeConnections(o);
                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        if (item is not JsonObject child) continue;
                        if (child.ContainsKey("type")) NormalizeConnections(child);
                        else if (child["activity"] is JsonObject caseActivity) NormalizeConnections(caseActivity);
                    }

                    break;
            }
        }
    }

    private static JsonArray NormalizeConnectionList(JsonNode connections)
    {
        var items = connections switch
        {
            JsonArray a => a.ToList(),
            JsonObject o when o["$values"] is JsonArray values => values.ToList(),
            JsonObject o => [o],
            _ => [],
        };

        var result = new JsonArray();
        var index = 0;
        foreach (var item in items)
        {
            var path = $"connections[{index++}]";
            if (item is not JsonObject c) throw new WorkflowFormatException(path, $"Connection {index - 1} is not an object.");
            var copy = (JsonObject)c.DeepClone();
            if (copy["source"] is JsonValue sourceId)
            {
                // Legacy flat shape: { source: "<id>", target: "<id>", sourcePort, targetPort }.
                string Text(JsonNode? node, string member) => node is null ? null! : node is JsonValue v && v.TryGetValue<string>(out var s) ? s
                    : throw new WorkflowFormatException($"{path}.{member}", $"Connection {index - 1}: '{member}' must be a string.");
                Text(sourceId, "source");
                var target = copy["target"] is null ? null : Text(copy["target"], "target");
                var sourcePort = copy["sourcePort"] is null ? "Done" : Text(copy["sourcePort"], "sourcePort");
                var targetPort = copy["targetPort"] is null ? "In" : Text(copy["targetPort"], "targetPort");
                copy.Remove("sourcePort");
                copy.Remove("targetPort");
                copy["source"] = new JsonObject { ["activity"] = sourceId.GetValue<string>(), ["port"] = sourcePort };
                copy["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort };
            }

            FixEndpoint(copy, "source", "Done");
            FixEndpoint(copy, "target", "In");
            result.Add(copy);
        }

        return result;
    }

    private static void FixEndpoint(JsonObject connection, string member, string defaultPort)
    {
        if (connection[member] is not JsonObject endpoint) return;
        if (!endpoint.ContainsKey("activity") && endpoint["activityId"] is { } legacy)
        {
            endpoint.Remove("activityId");
            endpoint["activity"] = legacy;
        }

        if (endpoint["port"] is null) endpoint["port"] = defaultPort;
    }
}
