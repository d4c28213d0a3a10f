namespace Opiskeluhuolto.Workflows.Values;

/// <summary>A value could not be converted to the declared type.</summary>
public sealed class ValueConversionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ValueConversionException() { }

    /// <summary>Creates the exception.</summary>
    public ValueConversionException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ValueConversionException(string message, Exception inner) : base(message, inner) { }
}
