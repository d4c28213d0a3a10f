namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>The HTTP client workflow activities use (replaceable, e.g. to add a proxy or, in tests, a local server).</summary>
public sealed class WorkflowHttp(HttpMessageHandler handler) : IDisposable
{
    /// <summary>The client; 30 s timeout per request.</summary>
    public HttpClient Client { get; } = new(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Creates one on a default socket handler.</summary>
    public WorkflowHttp() : this(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
