using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Opiskeluhuolto.Host.Studio;

/// <summary>
/// Short-lived bearer tokens the Studio pages hand to Elsa Studio (<c>access-token</c>), protected with Data Protection.
/// A token names the sign-in session it was minted from and lives <see cref="Lifetime"/>; the page fetches a new one
/// before it runs out while the session lives (<c>GET /studio/token</c>), and signing out ends every token of the session.
/// </summary>
public sealed class StudioTokens(IDataProtectionProvider provider, TimeProvider timeProvider)
{
    /// <summary>Lifetime of a token.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = provider.CreateProtector("Opiskeluhuolto.Studio.AccessToken.v2");

    /// <summary>Issues a token for a signed-in admin's session; returns it with its expiry.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string user, string session)
    {
        var expires = timeProvider.GetUtcNow() + Lifetime;
        return (_protector.Protect(JsonSerializer.Serialize(new TokenBody(user, session, expires.ToUnixTimeSeconds()))), expires);
    }

    /// <summary>
    /// Issues a token for the signed-in user's session (none in the Development open mode: such a token is never
    /// accepted, the mode admits the page's calls itself).
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueFor(System.Security.Claims.ClaimsPrincipal user) =>
        Issue(user.Identity?.Name ?? "admin", user.FindFirst(Infrastructure.SignInSessions.ClaimType)?.Value ?? "-");

    /// <summary>The user and session of an unexpired, unaltered token, or null (the session is checked by the caller).</summary>
    public (string User, string Session)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        try
        {
            var body = JsonSerializer.Deserialize<TokenBody>(_protector.Unprotect(token));
            return body is { User: not null, Session: not null } && DateTimeOffset.FromUnixTimeSeconds(body.Exp) > timeProvider.GetUtcNow() ? (body.User, body.Session) : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record TokenBody(string User, string Session, long Exp);
}
