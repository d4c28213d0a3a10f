using System.Text.Json.Nodes;

namespace Opiskeluhuolto.TestSupport;

/// <summary>Lists the paths where two JSON documents differ (for readable assertion messages).</summary>
public static class JsonDiff
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var result = new List<string>();
        Walk(expected, actual, path, result);
        return result;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> result)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(key)) result.Add($"{path}.{key} added: {y[key]?.ToJsonString()}");
                    else if (!y.ContainsKey(key)) result.Add($"{path}.{key} removed: {x[key]?.ToJsonString()}");
                    else Walk(x[key], y[key], $"{path}.{key}", result);
                }

                break;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++) Walk(x[i], y[i], $"{path}[{i}]", result);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) result.Add($"{path}: {a?.ToJsonString()} -> {b?.ToJsonString()}");
                break;
        }
    }
}
