using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Management;

// Flowcharts: nodes, connections and the ports they use.
public sealed partial class WorkflowValidator
{
    private void ValidateFlowchart(ActivityNode node, string path, List<VariableDefinition> scope, Dictionary<string, string> ids, ValidationContext context, ref int count)
    {
        var label = $"Flowchart '{node.Id}'";
        var activities = node.Get("activities");
        if (activities is not null and not JsonArray)
        {
            context.AddAt($"{path}.activities", $"{label} has 'activities' that is not an array.", node.Id, "activities");
            return;
        }

        var children = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (activities is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject child)
                {
                    context.AddAt($"{path}.activities[{i}]", $"{label} has an activity that is not an object.", node.Id);
                    continue;
                }

                ValidateActivity(child, $"{path}.activities[{i}]", scope, ids, context, ref count);
                if (ActivityJson.GetString(child, "id") is { } childId) children.TryAdd(childId, child);
            }
        }

        if (node.Get("connections") is not JsonArray connections) return;
        for (var i = 0; i < connections.Count; i++)
        {
            var p = $"{path}.connections[{i}]";
            if (connections[i] is not JsonObject c || ActivityJson.Get(c, "source") is not JsonObject source || ActivityJson.Get(c, "target") is not JsonObject target)
            {
                context.AddAt(p, $"{label} connection {i} needs a source and a target.", node.Id);
                continue;
            }

            var sourceId = ActivityJson.GetString(source, "activity");
            var targetId = ActivityJson.GetString(target, "activity");
            var port = ActivityJson.GetString(source, "port") ?? "Done";
            if (sourceId is null || !children.TryGetValue(sourceId, out var sourceJson))
            {
                context.AddAt($"{p}.source.activity", $"{label} connection {i} starts at activity '{sourceId}', which is not in the flowchart.", node.Id);
                continue;
            }

            if (targetId is null || !children.ContainsKey(targetId))
                context.AddAt($"{p}.target.activity", $"{label} connection {i} ends at activity '{targetId}', which is not in the flowchart.", node.Id);

            var ports = OutPorts(sourceJson);
            if (ports is { Count: 0 } && IsTerminal(sourceJson))
            {
                // Elsa loads a connection out of End and never follows it (End completes the flowchart): kept, reported.
                context.WarnAt($"{p}.source.port", $"{label} connection {i} leaves '{sourceId}', which ends the flowchart: the connection is kept but never followed.", node.Id);
                continue;
            }

            if (ports is not null && !ports.Contains(port))
            {
                context.AddAt($"{p}.source.port", ports.Count == 0
                    ? $"{label} connection {i} leaves activity '{sourceId}', which has no outbound ports."
                    : $"{label} connection {i} uses port '{port}' of activity '{sourceId}', which has ports {string.Join(", ", ports)}.", node.Id);
            }
        }
    }

    private bool IsTerminal(JsonObject json) =>
        ActivityJson.GetString(json, "type") is { } type && registry.Find(type, json["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null) is { IsTerminal: true };

    /// <summary>The outbound ports of an activity, or null when they are only known at run time.</summary>
    private HashSet<string>? OutPorts(JsonObject json)
    {
        var type = ActivityJson.GetString(json, "type");
        if (type is null) return null;
        var activity = registry.Find(type, json["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null);
        if (activity is null) return null;
        var node = new ActivityNode(json, null, null);
        if (activity.IsTerminal) return [];
        var ports = activity.Descriptor.Ports.Where(p => p.Type == PortType.Flow).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var input in activity.Descriptor.Inputs.Where(i => i.UiHint == "dynamic-outcomes"))
        {
            var expression = InputExpression.FromInput(node.Get(input.Name));
            if (expression is null) continue;
            if (expression.Type is not ("Object" or "Json" or "Literal")) return null;
            try
            {
                var values = ValueConverter.Convert<List<string>>(expression.Type == "Literal" ? DynamicJson.FromNode(expression.Value) : expression.Text) ?? [];
                ports.UnionWith(values);
            }
            catch (Exception e) when (e is ValueConversionException or JsonException)
            {
                return null;
            }
        }

        switch (type)
        {
            case "Elsa.FlowSwitch":
                if (node.Get("cases") is JsonArray cases)
                {
                    foreach (var c in cases.OfType<JsonObject>()) ports.Add(ActivityJson.GetString(c, "label") ?? "");
                }

                ports.Add("Default");
                break;
            case "Elsa.FlowSendHttpRequest":
                ports.UnionWith(["Unmatched status code", "Failed to connect", "Timeout", "Done"]);
                break;
        }

        if (ports.Count == 0) ports.Add("Done");
        return ports;
    }
}
