using System.Net;
using System.Net.Sockets;

namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>Which addresses workflow HTTP requests may connect to, decided after DNS resolution (so a name cannot point inside).</summary>
public static class HttpDestinations
{
    private static readonly IPNetwork[] Never =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"), IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("2002::/16"),
    ];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("fc00::/7"),
    ];

    /// <summary>Why <paramref name="address"/> is refused, or null when a request may connect to it.</summary>
    /// <param name="address">The resolved address.</param>
    /// <param name="listedHost">Whether the host name is in <see cref="HttpActivityOptions.AllowedHosts"/> (then private networks are fine).</param>
    public static string? Refusal(IPAddress address, bool listedHost)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (Never.Any(n => n.Contains(address))) return $"{address} is a loopback, link-local or reserved address";
        if (!listedHost && Private.Any(n => n.Contains(address))) return $"{address} is on a private network (name the host in HttpActivities:AllowedHosts to allow it)";
        return null;
    }

    /// <summary>A socket handler that resolves the host itself, connects only to allowed addresses, and follows no redirect.</summary>
    public static SocketsHttpHandler Handler(HttpActivityOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var listed = options.Lists(host);
            // One forbidden address refuses the name: a name that resolves both outside and inside is not trusted.
            if (addresses.Length == 0) throw new HttpDestinationRefusedException($"'{host}' has no address.");
            if (addresses.Select(a => Refusal(a, listed)).FirstOrDefault(r => r is not null) is { } refusal)
                throw new HttpDestinationRefusedException($"The HTTP request to '{host}' was refused: {refusal}.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
