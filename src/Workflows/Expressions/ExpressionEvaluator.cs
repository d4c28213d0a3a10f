using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Dispatches to the expression languages and converts results (Literal, Object/Json, Variable, Input built in).</summary>
public sealed class ExpressionEvaluator : IExpressionEvaluator
{
    private readonly Dictionary<string, IExpressionLanguage> _languages = new(StringComparer.Ordinal);

    /// <summary>Creates the evaluator.</summary>
    public ExpressionEvaluator(IEnumerable<IExpressionLanguage> languages)
    {
        foreach (var language in languages)
        {
            foreach (var type in language.Types) _languages[type] = language;
        }
    }

    /// <summary>Expression types this evaluator understands.</summary>
    public static IReadOnlyList<string> BuiltInTypes { get; } = ["Literal", "Object", "Json", "Variable", "Input"];

    /// <summary>
    /// Parses a trivial expression in every language, so that their parsers are loaded and compiled before the first
    /// workflow is checked: start-up runs this beside the database's migration (on another core) rather than in front of
    /// the first import. Pure; safe to run at any time.
    /// </summary>
    public void WarmUp()
    {
        foreach (var (type, language) in _languages) language.Validate(new InputExpression(type, JsonValue.Create("return 1;")));
    }

    /// <summary>Whether the type is known.</summary>
    public bool IsKnown(string type) => BuiltInTypes.Contains(type) || _languages.ContainsKey(type);

    /// <inheritdoc />
    public async ValueTask<object?> EvaluateAsync(InputExpression expression, Type targetType, ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        var raw = expression.Type switch
        {
            "Literal" => DynamicJson.FromNode(expression.Value),
            "Object" or "Json" => ParseObject(expression),
            "Variable" => ReadVariable(expression, context),
            "Input" => ReadInput(expression, context),
            _ when _languages.TryGetValue(expression.Type, out var language) => await language.EvaluateAsync(expression, context, cancellationToken),
            _ => throw new ExpressionException($"Expression type '{expression.Type}' is not supported by this server."),
        };
        return ValueConverter.Convert(raw, targetType);
    }

    /// <inheritdoc />
    public string? Validate(InputExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        switch (expression.Type)
        {
            case "Literal":
                return null;
            case "Object" or "Json":
                try
                {
                    ParseObject(expression);
                    return null;
                }
                catch (JsonException e)
                {
                    return $"Invalid JSON in Object expression: {e.Message}";
                }

            case "Variable" or "Input":
                return ReferencedName(expression) is null ? $"{expression.Type} expression does not name a {expression.Type.ToLowerInvariant()}." : null;
            default:
                return _languages.TryGetValue(expression.Type, out var language)
                    ? language.Validate(expression)
                    : $"Expression type '{expression.Type}' is not supported by this server.";
        }
    }

    private static object? ParseObject(InputExpression expression)
    {
        if (expression.Value is JsonValue v && v.TryGetValue<string>(out var text))
            return string.IsNullOrWhiteSpace(text) ? null : DynamicJson.FromNode(JsonNode.Parse(text));
        return DynamicJson.FromNode(expression.Value);
    }

    private static (string? Id, string? Name)? ReferencedName(InputExpression expression)
    {
        var obj = expression.Value switch
        {
            JsonObject o => o,
            JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('{') => JsonNode.Parse(s) as JsonObject,
            JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) => new JsonObject { ["name"] = s },
            _ => null,
        };
        if (obj is null) return null;
        var id = ActivityJson.GetString(obj, "id");
        var name = ActivityJson.GetString(obj, "name");
        return id is null && name is null ? null : (id, name);
    }

    private static object? ReadVariable(InputExpression expression, ActivityExecutionContext context)
    {
        var reference = ReferencedName(expression) ?? throw new ExpressionException("Variable expression does not name a variable.");
        var slot = (reference.Id is { } id ? context.FindVariableById(id) : null)
            ?? (reference.Name is { } name ? context.FindVariableByName(name) : null);
        return slot?.Value;
    }

    private static object? ReadInput(InputExpression expression, ActivityExecutionContext context)
    {
        var reference = ReferencedName(expression) ?? throw new ExpressionException("Input expression does not name an input.");
        var name = reference.Name ?? reference.Id!;
        return context.Workflow.Input.GetValueOrDefault(name);
    }
}
