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

/// <summary>A script failed: syntax, runtime error or a sandbox limit.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException() { }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception inner) : base(message, inner) { }
}
