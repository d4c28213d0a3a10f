using System.ComponentModel.DataAnnotations;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Public base address used in links (<c>Server:BaseUrl</c>); default: the request's own address.</summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Server";

    /// <summary>Absolute base URL, e.g. <c>https://opiskeluhuolto.example.fi</c>.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Path base when served below a sub-path by a reverse proxy, e.g. <c>/opiskeluhuolto</c>.</summary>
    public string? PathBase { get; set; }

    /// <summary>Honour <c>X-Forwarded-For/Proto/Host</c> from a reverse proxy (enable only behind one).</summary>
    public bool ForwardedHeaders { get; set; }
}
