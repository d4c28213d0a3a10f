using System.Collections.Concurrent;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Counts failed credentials (wrong API keys and Studio tokens per client address; wrong passwords per address and per
/// account) in fixed windows on the service clock, so guessing is slowed down to a few tries a minute: once a key has
/// <see cref="Limit"/> failures in its window, further attempts get 429 until the window ends. One count per node;
/// behind several nodes the limit applies per node.
/// </summary>
public sealed class FailedAttempts(TimeProvider timeProvider)
{
    /// <summary>Failures allowed per key and window.</summary>
    public const int Limit = 10;

    /// <summary>Window of the per-address counts.</summary>
    public static TimeSpan AddressWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Window of the per-account counts (longer: an account is guessed from many addresses).</summary>
    public static TimeSpan AccountWindow { get; } = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>The key of a client address.</summary>
    public static string Address(HttpContext http) => "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The key of an account name (case-insensitive).</summary>
    public static string Account(string? user) => "user:" + (user ?? "").Trim().ToUpperInvariant();

    /// <summary>How long until the key may try again, or null when it may now.</summary>
    public TimeSpan? BlockedFor(string key)
    {
        var now = timeProvider.GetUtcNow();
        return _windows.TryGetValue(key, out var window) && window.Ends > now && window.Count >= Limit ? window.Ends - now : null;
    }

    /// <summary>Counts one failure of the key.</summary>
    public void Record(string key, TimeSpan length)
    {
        var now = timeProvider.GetUtcNow();
        _windows.AddOrUpdate(key, _ => new Window(now + length, 1), (_, w) => w.Ends > now ? w with { Count = w.Count + 1 } : new Window(now + length, 1));
        if (_windows.Count > 10_000)
        {
            foreach (var (stale, window) in _windows)
            {
                if (window.Ends <= now) _windows.TryRemove(stale, out _);
            }
        }
    }

    /// <summary>Answers 429 with Retry-After.</summary>
    public static IResult TooMany(TimeSpan wait, HttpContext http)
    {
        RetryAfter(http, wait);
        return Results.Problem(title: "Too many failed attempts", detail: "Too many wrong credentials from this address or for this account; try again later.", statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Tells the client when it may try again.</summary>
    public static void RetryAfter(HttpContext http, TimeSpan wait) =>
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Window(DateTimeOffset Ends, int Count);
}
