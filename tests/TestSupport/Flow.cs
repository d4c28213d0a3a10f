using System.Text.Json.Nodes;

namespace Opiskeluhuolto.TestSupport;

/// <summary>Builds small flowchart definitions for engine tests.</summary>
public static class Flow
{
    public static JsonObject Node(string id, string type, JsonObject? members = null, bool canStart = false)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = canStart },
            ["metadata"] = new JsonObject(),
        };
        foreach (var (k, v) in members ?? []) node[k] = v?.DeepClone();
        return node;
    }

    public static JsonObject Line(string id, string text = "x") => Node(id, "Elsa.WriteLine", new JsonObject { ["text"] = Literal("String", text) });

    public static JsonObject Event(string id, string eventName) => Node(id, "Elsa.Event", new JsonObject { ["eventName"] = Literal("String", eventName) });

    public static JsonObject Join(string id, string mode) => Node(id, "Elsa.FlowJoin", new JsonObject { ["mode"] = Literal("FlowJoinMode", mode) });

    public static JsonObject Decision(string id, string script) => Node(id, "Elsa.FlowDecision", new JsonObject { ["condition"] = Js("Boolean", script) });

    public static JsonObject Literal(string type, JsonNode? value) => new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    public static JsonObject Js(string type, string script) => new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } };

    public static JsonObject Liquid(string type, string template) => new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = template } };

    public static JsonObject Connect(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    public static JsonObject Chart(IEnumerable<JsonObject> activities, IEnumerable<JsonObject> connections, string id = "flow") => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
        ["connections"] = new JsonArray(connections.Select(c => (JsonNode)c).ToArray()),
    };

    /// <summary>A published definition document around a root.</summary>
    public static string Definition(string definitionId, JsonObject root, JsonArray? variables = null, JsonObject? options = null, JsonArray? inputs = null) => new JsonObject
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["isPublished"] = true,
        ["isLatest"] = true,
        ["variables"] = variables ?? [],
        ["inputs"] = inputs ?? [],
        ["options"] = options ?? [],
        ["root"] = root,
    }.ToJsonString();

    public static JsonObject Variable(string id, string name, string type, string? value = null, bool persisted = true) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["typeName"] = type,
        ["value"] = value,
        ["storageDriverTypeName"] = persisted ? "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" : null,
    };
}
