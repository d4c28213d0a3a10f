namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>A workflow HTTP request went somewhere <see cref="HttpActivityOptions"/> does not allow; the activity faults.</summary>
public sealed class HttpDestinationRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpDestinationRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public HttpDestinationRefusedException() { }

    /// <summary>Creates the exception.</summary>
    public HttpDestinationRefusedException(string message, Exception innerException) : base(message, innerException) { }
}
