namespace Opiskeluhuolto.Workflows.Expressions;

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
