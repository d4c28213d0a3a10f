using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Opiskeluhuolto.TestSupport;

/// <summary>
/// Accepts connections with TCP_NODELAY set: without it every reply of the server waits for the delayed ACK (about 40 ms),
/// and the sink, not the code being measured, sets the pace. Plain TCP only (the sinks do not offer TLS). Shared by the test SMTP sink and the bench.
/// </summary>
public sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        ArgumentNullException.ThrowIfNull(endpointDefinition);
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new Pipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(_stream);

        public PipeWriter Output => field ??= PipeWriter.Create(_stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The sink speaks plain SMTP only.");

        public void Dispose()
        {
            _stream.Dispose();
            client.Dispose();
        }
    }
}
