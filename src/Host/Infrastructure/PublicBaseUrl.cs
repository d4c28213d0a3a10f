using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>The base address used in links: <c>Server:BaseUrl</c>, else the current request, else the first server address.</summary>
public sealed class PublicBaseUrl(IOptions<ServerOptions> options, IHttpContextAccessor accessor, IServer server)
{
    /// <summary>The base URL without a trailing slash.</summary>
    public string Get()
    {
        if (options.Value.BaseUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
        if (accessor.HttpContext?.Request is { } request) return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
