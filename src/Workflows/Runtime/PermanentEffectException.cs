namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A permanent failure: retrying will not help; the message is dead-lettered at once.</summary>
public sealed class PermanentEffectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PermanentEffectException() { }

    /// <summary>Creates the exception.</summary>
    public PermanentEffectException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public PermanentEffectException(string message, Exception inner) : base(message, inner) { }
}
