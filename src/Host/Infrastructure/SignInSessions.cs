using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Sign-in sessions of the pages (admins and coordinators): each sign-in gets a random session id in its cookie, and the
/// Studio tokens minted from it carry the same id. Signing out revokes the id: the cookie and every token minted from it
/// stop working at once on this node and within <see cref="RevocationCacheTime"/> on the others (the sign-out is
/// written to the audit trail, which every node reads). Sign-ins and sign-outs are audited.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time)
{
    /// <summary>Claim that carries the session id.</summary>
    public const string ClaimType = "oh_session";

    /// <summary>Longest a session lives (the cookie's lifetime).</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(10);

    /// <summary>How long another node may still believe a session it checked is alive.</summary>
    public static TimeSpan RevocationCacheTime { get; } = TimeSpan.FromSeconds(15);

    private const string SignedIn = "SignedIn";
    private const string SignedOut = "SignedOut";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _aliveUntil = new(StringComparer.Ordinal);

    /// <summary>A new session for <paramref name="user"/> signed in by <paramref name="method"/>; returns the claim to add.</summary>
    public async Task<Claim> StartAsync(string user, string method, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await WriteAsync(SignedIn, user, $"{method} {id}", cancellationToken);
        return new Claim(ClaimType, id);
    }

    /// <summary>Ends the session of <paramref name="principal"/> (nothing when it has none).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(ClaimType) is not { Length: > 0 } id) return;
        _revoked[id] = time.GetUtcNow() + Lifetime;
        _aliveUntil.TryRemove(id, out _);
        await WriteAsync(SignedOut, principal.Identity?.Name, id, cancellationToken);
    }

    /// <summary>Whether the session is still alive (false for a missing id).</summary>
    public async ValueTask<bool> IsAliveAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitUpper)) return false;
        var now = time.GetUtcNow();
        if (_revoked.ContainsKey(id)) return false;
        if (_aliveUntil.TryGetValue(id, out var until) && until > now) return true;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = now - Lifetime;
        var ended = await db.Audit.AnyAsync(a => a.WorkflowInstanceId == "" && a.Timestamp >= since && a.Event == SignedOut && a.Detail == id, cancellationToken);
        if (ended)
        {
            _revoked[id] = now + Lifetime;
            return false;
        }

        _aliveUntil[id] = now + RevocationCacheTime;
        if (_aliveUntil.Count > 10_000)
        {
            foreach (var (stale, expiry) in _aliveUntil)
            {
                if (expiry <= now) _aliveUntil.TryRemove(stale, out _);
            }

            foreach (var (stale, expiry) in _revoked)
            {
                if (expiry <= now) _revoked.TryRemove(stale, out _);
            }
        }

        return true;
    }

    private async Task WriteAsync(string kind, string? user, string detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry { WorkflowInstanceId = "", Timestamp = time.GetUtcNow(), Event = kind, Actor = user, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }
}
