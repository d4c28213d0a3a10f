using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Evaluates an expression envelope in an activity's scope and converts the result to the target type.</summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates.</summary>
    ValueTask<object?> EvaluateAsync(InputExpression expression, Type targetType, ActivityExecutionContext context, CancellationToken cancellationToken);

    /// <summary>Checks that the expression parses; returns an error message or null.</summary>
    string? Validate(InputExpression expression);
}
