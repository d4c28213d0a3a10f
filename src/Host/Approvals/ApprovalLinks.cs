using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>What a decision link carries: one seat of one approval, one person, an optional preselected decision.</summary>
public sealed record ApprovalLink(string InstanceId, string SeatId, string Email, string Language, string? Decision, DateTimeOffset ExpiresAt);

/// <summary>Signs and reads decision links (Data Protection; keys persisted with the data; expiry checked on <see cref="TimeProvider"/>).</summary>
public sealed class ApprovalLinks(IDataProtectionProvider provider, TimeProvider timeProvider)
{
    /// <summary>Longest lifetime of a link.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromDays(30);

    private readonly IDataProtector _protector = provider.CreateProtector("Opiskeluhuolto.Approvals.DecisionLink");

    /// <summary>Creates a link token.</summary>
    public string Create(ApprovalLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _protector.Protect(JsonSerializer.Serialize(link with { ExpiresAt = link.ExpiresAt }));
    }

    /// <summary>Reads a token: (link, null) when valid; (null, "expired" | "invalid") otherwise.</summary>
    public (ApprovalLink? Link, string? Problem) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return (null, "invalid");
        try
        {
            var link = JsonSerializer.Deserialize<ApprovalLink>(_protector.Unprotect(token));
            if (link is null) return (null, "invalid");
            return link.ExpiresAt <= timeProvider.GetUtcNow() ? (null, "expired") : (link, null);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return (null, "invalid");
        }
    }
}
