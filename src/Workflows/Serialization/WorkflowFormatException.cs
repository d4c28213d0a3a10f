namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>A workflow document that cannot be read; <see cref="Path"/> names the offending member.</summary>
public sealed class WorkflowFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException(string path, string message, Exception? inner = null) : base(message, inner) => Path = path;

    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException() : this("$", "Invalid workflow document.") { }

    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException(string message) : this("$", message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException(string message, Exception inner) : this("$", message, inner) { }

    /// <summary>JSON path of the problem.</summary>
    public string Path { get; }
}
