using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>One expression language.</summary>
public interface IExpressionLanguage
{
    /// <summary>The <c>type</c> values this language handles.</summary>
    IReadOnlyList<string> Types { get; }

    /// <summary>Evaluates (unconverted result).</summary>
    ValueTask<object?> EvaluateAsync(InputExpression expression, ActivityExecutionContext context, CancellationToken cancellationToken);

    /// <summary>Syntax check; an error message or null.</summary>
    string? Validate(InputExpression expression);
}
