namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>The instance's row changed since it was loaded: another burst ran on it.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException() { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}
