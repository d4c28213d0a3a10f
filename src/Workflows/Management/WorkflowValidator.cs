using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Activities.Flow;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Checks a definition before it is stored: structure, types, expressions, connections and ports.</summary>
public sealed class WorkflowValidator(ActivityRegistry registry, IExpressionEvaluator expressions)
{
    private const int MaxActivities = 5_000;

    /// <summary>Validates; an empty list means valid.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var context = new ValidationContext();
        if (definition.DefinitionId.Length > 100) context.AddAt("definitionId", "The definition id is longer than 100 characters.");
        if (definition.DefinitionId.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%'))
            context.AddAt("definitionId", "The definition id may not contain control characters, slashes, '?', '#' or '%'.");
        if (definition.Name is { Length: > 200 }) context.AddAt("name", "The name is longer than 200 characters.");
        if (definition.Version < 1) context.AddAt("version", "The version must be 1 or higher.");
        ValidateVariables(definition.Variables, "variables", context);
        ValidateArguments(definition, context);
        if (definition.Root is null)
        {
            context.AddAt("root", "The workflow has no root activity.");
            return context.Errors;
        }

        var scope = new List<VariableDefinition>(definition.Variables);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        ValidateActivity(definition.Root, "root", scope, ids, context, ref count);
        return context.Errors;
    }

    private static void ValidateVariables(IReadOnlyList<VariableDefinition> variables, string path, ValidationContext context)
    {
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            var p = $"{path}[{i}]";
            if (string.IsNullOrWhiteSpace(v.Id)) context.AddAt($"{p}.id", $"Variable '{v.Name}' has no id.");
            else if (!seenIds.Add(v.Id)) context.AddAt($"{p}.id", $"Variable id '{v.Id}' is declared twice.");
            if (string.IsNullOrWhiteSpace(v.Name)) context.AddAt($"{p}.name", "A variable has no name.");
            else if (!seenNames.Add(v.Name)) context.AddAt($"{p}.name", $"Variable name '{v.Name}' is declared twice.");
            var type = TypeAliases.ResolveVariable(v.TypeName, v.IsArray);
            if (type is null)
            {
                context.AddAt($"{p}.typeName", $"Variable '{v.Name}' has unknown type '{v.TypeName}'.");
                continue;
            }

            if (!string.IsNullOrEmpty(v.Value) && type != typeof(object))
            {
                try
                {
                    ValueConverter.Convert(v.Value, type);
                }
                catch (ValueConversionException e)
                {
                    context.AddAt($"{p}.value", $"Default value of variable '{v.Name}' is not a valid {v.TypeName}: {e.Message}");
                }
            }
        }
    }

    private static void ValidateArguments(WorkflowDefinition definition, ValidationContext context)
    {
        void Check(IEnumerable<(string Name, string Type)> items, string path)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            foreach (var (name, type) in items)
            {
                if (string.IsNullOrWhiteSpace(name)) context.AddAt($"{path}[{i}].name", $"{path} entry {i} has no name.");
                else if (!names.Add(name)) context.AddAt($"{path}[{i}].name", $"'{name}' is declared twice in {path}.");
                if (TypeAliases.Resolve(type) is null) context.AddAt($"{path}[{i}].type", $"'{name}' has unknown type '{type}'.");
                i++;
            }
        }

        Check(definition.Inputs.Select(x => (x.Name, x.Type)), "inputs");
        Check(definition.Outputs.Select(x => (x.Name, x.Type)), "outputs");
    }

    private void ValidateActivity(JsonObject json, string path, List<VariableDefinition> scope, Dictionary<string, string> ids, ValidationContext context, ref int count)
    {
        if (++count > MaxActivities)
        {
            if (count == MaxActivities + 1) context.AddAt(path, $"The workflow has more than {MaxActivities} activities.");
            return;
        }

        if (path.Count(c => c == '.') > 64)
        {
            context.AddAt(path, "Activities are nested more than 64 levels deep.");
            return;
        }

        var id = ActivityJson.GetString(json, "id");
        var type = ActivityJson.GetString(json, "type");
        context.CurrentPath = path;
        context.CurrentActivityId = id;
        var label = $"Activity '{id ?? "(no id)"}'";
        if (string.IsNullOrWhiteSpace(id)) context.Add("The activity has no id.", "id");
        else if (id.Length > 100) context.Add($"{label} has an id longer than 100 characters.", "id");
        else if (ids.TryGetValue(id, out var other)) context.Add($"{label} has the same id as the activity at {other}.", "id");
        else ids[id] = path;

        if (string.IsNullOrWhiteSpace(type))
        {
            context.Add($"{label} has no type.", "type");
            return;
        }

        var versionNode = ActivityJson.Get(json, "version");
        int? version = versionNode is JsonValue vv && vv.TryGetValue<int>(out var n) ? n : null;
        if (versionNode is not null && versionNode.GetValueKind() != JsonValueKind.Null && version is null) context.Add($"{label} has a version that is not an integer.", "version");
        var activity = registry.Find(type, version);
        if (activity is null)
        {
            context.Add(registry.Contains(type)
                ? $"{label} uses version {version} of type '{type}', which does not exist."
                : $"{label} has unknown activity type '{type}'.", "type");
            return;
        }

        var node = new ActivityNode(json, null, null);
        var localScope = scope;
        if (activity.Descriptor.IsContainer && node.Get("variables") is JsonArray declared)
        {
            try
            {
                var variables = declared.Deserialize<List<VariableDefinition>>(WorkflowJson.Options) ?? [];
                ValidateVariables(variables, $"{path}.variables", context);
                localScope = [.. scope, .. variables];
            }
            catch (JsonException e)
            {
                context.Add($"{label} has malformed variables: {e.Message}", "variables");
            }
        }

        foreach (var input in activity.Descriptor.Inputs) ValidateInput(node, input, localScope, label, context);
        context.CurrentPath = path;
        context.CurrentActivityId = id;
        activity.Validate(node, context);
        ValidateOutputs(node, activity, label, context);

        if (activity is Flowchart) ValidateFlowchart(node, path, localScope, ids, context, ref count);
        else if (activity.Descriptor.IsContainer && node.Get("activities") is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject child) ValidateActivity(child, $"{path}.activities[{i}]", localScope, ids, context, ref count);
                else context.AddAt($"{path}.activities[{i}]", $"{label} has an activity that is not an object.", id);
            }
        }

        foreach (var port in activity.EmbeddedPorts)
        {
            var member = ActivityJson.Camel(port.Name);
            switch (port.Shape, node.Get(port.Name))
            {
                case (_, null):
                    break;
                case (EmbeddedPortShape.Single, JsonObject child):
                    ValidateActivity(child, $"{path}.{member}", localScope, ids, context, ref count);
                    break;
                case (EmbeddedPortShape.Many, JsonArray many):
                    for (var i = 0; i < many.Count; i++)
                    {
                        if (many[i] is JsonObject c) ValidateActivity(c, $"{path}.{member}[{i}]", localScope, ids, context, ref count);
                    }

                    break;
                case (EmbeddedPortShape.Cases, JsonArray cases):
                    for (var i = 0; i < cases.Count; i++)
                    {
                        if (cases[i] is JsonObject c && ActivityJson.Get(c, "activity") is JsonObject a) ValidateActivity(a, $"{path}.{member}[{i}].activity", localScope, ids, context, ref count);
                    }

                    break;
                default:
                    context.AddAt($"{path}.{member}", $"{label} has a malformed '{member}' port.", id, member);
                    break;
            }
        }
    }

    private void ValidateInput(ActivityNode node, InputDescriptor input, List<VariableDefinition> scope, string label, ValidationContext context)
    {
        var member = ActivityJson.Camel(input.Name);
        var raw = node.Get(member);
        if (raw is null) return;
        var type = TypeAliases.Resolve(input.TypeName) ?? typeof(object);
        if (!input.IsWrapped)
        {
            ValidateUnwrapped(input, raw, scope, label, context);
            return;
        }

        if (raw is JsonObject wrapper && ActivityJson.Get(wrapper, "expression") is { } expressionNode && expressionNode is not JsonObject && expressionNode.GetValueKind() != JsonValueKind.Null)
        {
            context.Add($"{label} input '{member}' has an expression that is not an object.", $"{member}.expression");
            return;
        }

        var expression = InputExpression.FromInput(raw);
        if (expression is null) return;
        if (expression.Type is "Literal")
        {
            if (expression.Value is JsonObject) context.Add($"{label} input '{member}' has an object as a Literal value; use an Object expression.", member);
            else CheckConvertible(DynamicJson.FromNode(expression.Value), type, input, label, member, context);
            return;
        }

        if (expression.Value is not null and not JsonValue && expression.Type is not ("Object" or "Json" or "Variable" or "Input"))
        {
            context.Add($"{label} input '{member}': a {expression.Type} expression must be a string.", $"{member}.expression.value");
            return;
        }

        if (expressions.Validate(expression) is { } error)
        {
            context.Add($"{label} input '{member}': {error}", $"{member}.expression");
            return;
        }

        if (expression.Type is "Object" or "Json" && expression.Value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            CheckConvertible(DynamicJson.FromNode(JsonNode.Parse(text)), type, input, label, member, context);
    }

    private static void CheckConvertible(object? value, Type type, InputDescriptor input, string label, string member, ValidationContext context)
    {
        if (value is null) return;
        try
        {
            ValueConverter.Convert(value, type);
        }
        catch (ValueConversionException e)
        {
            context.Add($"{label} input '{member}' expects {input.TypeName}: {e.Message}", member);
        }
    }

    private void ValidateUnwrapped(InputDescriptor input, JsonNode raw, List<VariableDefinition> scope, string label, ValidationContext context)
    {
        var member = ActivityJson.Camel(input.Name);
        switch (input.UiHint)
        {
            case "variable-picker":
                if (raw is not JsonObject reference || ActivityJson.GetString(reference, "id") is not { Length: > 0 } variableId)
                {
                    context.Add($"{label} input '{member}' must reference a variable by id.", member);
                    return;
                }

                if (!scope.Any(v => v.Id == variableId))
                    context.Add($"{label} sets variable '{variableId}' ({ActivityJson.GetString(reference, "name") ?? "unnamed"}), which is not declared in its scope.", member);
                break;
            case "flow-switch-editor" or "switch-editor":
                if (raw is not JsonArray cases)
                {
                    context.Add($"{label} input '{member}' must be an array of cases.", member);
                    return;
                }

                for (var i = 0; i < cases.Count; i++)
                {
                    if (cases[i] is not JsonObject c)
                    {
                        context.Add($"{label} case {i} is not an object.", $"{member}[{i}]");
                        continue;
                    }

                    if (InputExpression.FromExpression(ActivityJson.Get(c, "condition")) is { } condition && expressions.Validate(condition) is { } error)
                        context.Add($"{label} case {i} condition: {error}", $"{member}[{i}].condition");
                }

                break;
            default:
                if (input.UiSpecifications?["dropdown"]?["selectList"]?["items"] is JsonArray options && raw is JsonValue value && value.TryGetValue<string>(out var text) &&
                    !options.Any(o => string.Equals(o?["value"]?.GetValue<string>(), text, StringComparison.OrdinalIgnoreCase)))
                    context.Add($"{label} input '{member}' has value '{text}', expected one of {string.Join(", ", options.Select(o => o?["value"]?.GetValue<string>()))}.", member);
                break;
        }
    }

    private static void ValidateOutputs(ActivityNode node, Activity activity, string label, ValidationContext context)
    {
        foreach (var output in activity.Descriptor.Outputs)
        {
            var member = ActivityJson.Camel(output.Name);
            if (node.Get(member) is { } binding && binding is not JsonObject && binding.GetValueKind() != JsonValueKind.Null)
                context.Add($"{label} output '{member}' must be an object with a memoryReference.", member);
        }
    }

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
            if (ports is not null && !ports.Contains(port))
            {
                context.AddAt($"{p}.source.port", ports.Count == 0
                    ? $"{label} connection {i} leaves activity '{sourceId}', which has no outbound ports."
                    : $"{label} connection {i} uses port '{port}' of activity '{sourceId}', which has ports {string.Join(", ", ports)}.", node.Id);
            }
        }
    }

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
