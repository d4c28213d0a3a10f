namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Raised by <c>Elsa.Fault</c>.</summary>
public sealed class FaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FaultException(string code, string category, string faultType, string message) : base(message)
    {
        Code = code;
        Category = category;
        FaultType = faultType;
    }

    /// <summary>Creates the exception.</summary>
    public FaultException() : this("0", "General", "System", "Fault") { }

    /// <summary>Creates the exception.</summary>
    public FaultException(string message) : this("0", "General", "System", message) { }

    /// <summary>Creates the exception.</summary>
    public FaultException(string message, Exception inner) : base(message, inner)
    {
        Code = "0";
        Category = "General";
        FaultType = "System";
    }

    /// <summary>Fault code.</summary>
    public string Code { get; }

    /// <summary>Fault category.</summary>
    public string Category { get; }

    /// <summary>Fault type.</summary>
    public string FaultType { get; }
}
