using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// The HTTP client workflow activities use: by default one that connects only where <see cref="HttpActivityOptions"/>
/// allows (checked after DNS resolution) and follows no redirect; replaceable, e.g. in tests by a local handler.
/// </summary>
public sealed class WorkflowHttp : IDisposable
{
    /// <summary>Creates one with the guarded socket handler.</summary>
    public WorkflowHttp(IOptions<HttpActivityOptions> options)
        : this(HttpDestinations.Handler(options.Value), options.Value) { }

    /// <summary>Creates one on <paramref name="handler"/> (host list, size cap and timeout still apply).</summary>
    public WorkflowHttp(HttpMessageHandler handler, HttpActivityOptions? options = null)
    {
        Options = options ?? new HttpActivityOptions();
        Client = new HttpClient(handler, disposeHandler: true) { Timeout = Options.Timeout };
    }

    /// <summary>The limits.</summary>
    public HttpActivityOptions Options { get; }

    /// <summary>The client.</summary>
    public HttpClient Client { get; }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
