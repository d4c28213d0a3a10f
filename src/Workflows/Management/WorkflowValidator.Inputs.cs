using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Management;

// Input checks: literal values, expressions, unwrapped JSON values and outputs.
public sealed partial class WorkflowValidator
{
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
}
