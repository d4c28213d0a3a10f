using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>An expression envelope <c>{type, value}</c>.</summary>
public sealed record InputExpression(string Type, JsonNode? Value)
{
    /// <summary>Reads the expression of a wrapped input; a bare value is a Literal; a missing expression type is Literal.</summary>
    public static InputExpression? FromInput(JsonNode? input)
    {
        switch (input)
        {
            case null:
                return null;
            case JsonValue or JsonArray:
                return new InputExpression("Literal", input);
            case JsonObject o:
                var expression = ActivityJson.Get(o, "expression");
                if (expression is null)
                {
                    return ActivityJson.Get(o, "typeName") is null && ActivityJson.Get(o, "memoryReference") is null
                        ? new InputExpression("Object", JsonValue.Create(o.ToJsonString()))
                        : null;
                }

                return FromExpression(expression);
            default:
                return null;
        }
    }

    /// <summary>Reads an expression object (<c>{type, value}</c>); a bare value is a Literal.</summary>
    public static InputExpression? FromExpression(JsonNode? expression) => expression switch
    {
        null => null,
        JsonObject e => new InputExpression(ActivityJson.GetString(e, "type") ?? "Literal", ActivityJson.Get(e, "value")),
        _ => new InputExpression("Literal", expression),
    };

    /// <summary>The value as script text.</summary>
    public string Text => Value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };
}
