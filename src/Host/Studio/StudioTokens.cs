using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Opiskeluhuolto.Host.Studio;

/// <summary>Short-lived bearer tokens the Studio pages hand to Elsa Studio (<c>access-token</c>), protected with Data Protection.</summary>
public sealed class StudioTokens(IDataProtectionProvider provider, TimeProvider timeProvider)
{
    /// <summary>Lifetime of a token (a working day; the page is reloaded to get a new one).</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(10);

    private readonly IDataProtector _protector = provider.CreateProtector("Opiskeluhuolto.Studio.AccessToken");

    /// <summary>Issues a token for a signed-in admin.</summary>
    public string Issue(string user) =>
        _protector.Protect(JsonSerializer.Serialize(new TokenBody(user, (timeProvider.GetUtcNow() + Lifetime).ToUnixTimeSeconds())));

    /// <summary>The user of a valid token, or null.</summary>
    public string? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        try
        {
            var body = JsonSerializer.Deserialize<TokenBody>(_protector.Unprotect(token));
            return body is not null && DateTimeOffset.FromUnixTimeSeconds(body.Exp) > timeProvider.GetUtcNow() ? body.User : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record TokenBody(string User, long Exp);
}
