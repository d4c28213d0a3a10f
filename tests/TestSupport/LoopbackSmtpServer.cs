using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Storage;

namespace Opiskeluhuolto.TestSupport;

/// <summary>
/// A real SMTP server (SmtpServer package) on a free loopback port; what it does with a message is the subclass's
/// <see cref="MessageStore.SaveAsync"/>. Stops on dispose.
/// </summary>
public abstract class LoopbackSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    /// <summary>Starts listening at once.</summary>
    protected LoopbackSmtpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        services.Add(new NoDelayListenerFactory());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
