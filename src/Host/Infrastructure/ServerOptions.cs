using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Public base address used in links (<c>Server:BaseUrl</c>); default: the request's own address.</summary>
public sealed class ServerOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Server";

    /// <summary>Absolute base URL, e.g. <c>https://opiskeluhuolto.example.fi</c>.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Path base when served below a sub-path by a reverse proxy, e.g. <c>/opiskeluhuolto</c>.</summary>
    public string? PathBase { get; set; }

    /// <summary>
    /// Honour <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the reverse proxies in <see cref="KnownProxies"/>
    /// (and from no other peer). The host name is never taken from a header: links use <see cref="BaseUrl"/>.
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>) of the reverse proxies; needed with <see cref="ForwardedHeaders"/>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The proxies as parsed networks (a single address is a /32 or /128 network).</summary>
    public IEnumerable<IPNetwork> ProxyNetworks() =>
        KnownProxies.Select(p => p.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(p.Trim()) : new IPNetwork(IPAddress.Parse(p.Trim()), IPAddress.Parse(p.Trim()).GetAddressBytes().Length * 8));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ForwardedHeaders && KnownProxies.Count == 0)
            yield return new ValidationResult("Server:KnownProxies is needed with Server:ForwardedHeaders: name the reverse proxy's address (forwarded headers from any other peer are ignored).", [nameof(KnownProxies)]);
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            var entry = KnownProxies[i]?.Trim() ?? "";
            var valid = entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _);
            if (!valid) yield return new ValidationResult($"Server:KnownProxies:{i} '{entry}' is neither an IP address nor a network such as 10.0.0.0/24.", [nameof(KnownProxies)]);
        }
    }
}
