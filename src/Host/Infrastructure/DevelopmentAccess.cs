using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// The developer's trial without credentials (<c>Auth:DevelopmentOpenAccess=true</c>, set in
/// appsettings.Development.json): only in Development, only while no credential is configured, only for a caller whose
/// own TCP address is loopback and whose request names no other client in a forwarded header. The service refuses to
/// start in this mode when it listens beyond loopback or on a Unix socket, or believes forwarded headers, because then
/// "a loopback peer" no longer means "the developer".
/// </summary>
public static class DevelopmentAccess
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "Forwarded", "X-Real-IP", "X-Original-For"];

    /// <summary>Whether the mode is on for this process (Development, opted in, no credential configured).</summary>
    public static bool IsOn(AuthOptions options, IHostEnvironment environment) =>
        options.DevelopmentOpenAccess && options.NothingConfigured && environment.IsDevelopment();

    /// <summary>Whether this request gets in without credentials.</summary>
    public static bool Allows(AuthOptions options, IHostEnvironment environment, HttpContext? http) =>
        IsOn(options, environment) && http?.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
        && !ForwardingHeaders.Any(http.Request.Headers.ContainsKey);

    /// <summary>Why a listening address does not fit the mode, or null when it is a loopback TCP address.</summary>
    public static string? Refusal(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return $"'{address}' is not a loopback address";
        if (address.Contains("unix:", StringComparison.OrdinalIgnoreCase)) return $"'{address}' is a Unix socket (any local process or proxy reaches it)";
        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return null;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip) ? null : $"'{address}' listens beyond this machine";
    }

    /// <summary>Stops the start when the mode is on and the server listens beyond loopback or trusts forwarded headers.</summary>
    public sealed class Guard(IOptions<AuthOptions> auth, IOptions<ServerOptions> server, IHostEnvironment environment, IServer kestrel) : IHostedLifecycleService
    {
        /// <inheritdoc />
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            if (!IsOn(auth.Value, environment)) return Task.CompletedTask;
            var addresses = kestrel.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var refusals = addresses.Select(Refusal).OfType<string>().ToList();
            if (server.Value.ForwardedHeaders) refusals.Add("Server:ForwardedHeaders is on (a proxy's callers would look like loopback)");
            if (refusals.Count > 0)
                throw new InvalidOperationException($"Auth:DevelopmentOpenAccess lets loopback callers in without credentials, so it runs only on loopback: {string.Join("; ", refusals)}. Listen on localhost only, or configure Auth:AdminApiKey or a sign-in.");
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
