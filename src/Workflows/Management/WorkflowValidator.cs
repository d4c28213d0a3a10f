using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Flow;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Checks a definition before it is stored: structure, types, expressions, connections and ports.</summary>
public sealed partial class WorkflowValidator(ActivityRegistry registry, IExpressionEvaluator expressions)
{
    private const int MaxActivities = 5_000;

    /// <summary>Validates; an empty list means valid.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) => Check(definition).Errors;

    /// <summary>Validates, also collecting the warnings (what is kept but never followed).</summary>
    public ValidationContext Check(WorkflowDefinition definition)
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
            return context;
        }

        var scope = new List<VariableDefinition>(definition.Variables);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        ValidateActivity(definition.Root, "root", scope, ids, context, ref count);
        return context;
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
                        if (cases[i] is not JsonObject c) continue;
                        foreach (var itemMember in port.ItemMembers)
                        {
                            if (ActivityJson.Get(c, itemMember) is JsonObject a) ValidateActivity(a, $"{path}.{member}[{i}].{itemMember}", localScope, ids, context, ref count);
                        }
                    }

                    break;
                default:
                    context.AddAt($"{path}.{member}", $"{label} has a malformed '{member}' port.", id, member);
                    break;
            }
        }
    }
}
