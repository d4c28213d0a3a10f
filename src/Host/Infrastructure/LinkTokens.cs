using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Signs and reads link tokens with ASP.NET Core Data Protection (purpose "Elsa Tokens"). The expiry travels inside the
/// protected payload and is checked against <see cref="TimeProvider"/>, so time is testable and one clock rules.
/// </summary>
public sealed class LinkTokens(IDataProtectionProvider provider, TimeProvider timeProvider)
{
    /// <summary>Default lifetime of a link.</summary>
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromDays(30);

    private readonly IDataProtector _protector = provider.CreateProtector("Elsa Tokens");

    /// <summary>Creates an event token.</summary>
    public string Create(string eventName, string workflowInstanceId, DateTimeOffset expiresAt) =>
        "v1.tl." + _protector.Protect(JsonSerializer.Serialize(new { EventName = eventName, WorkflowInstanceId = workflowInstanceId, ExpiresAt = expiresAt.ToUnixTimeSeconds() }));

    /// <summary>Creates a bookmark-resume token.</summary>
    public string CreateForBookmark(string bookmarkId, string workflowInstanceId, DateTimeOffset expiresAt) =>
        "v1.tl." + _protector.Protect(JsonSerializer.Serialize(new { BookmarkId = bookmarkId, WorkflowInstanceId = workflowInstanceId, ExpiresAt = expiresAt.ToUnixTimeSeconds() }));

    /// <summary>Reads a token; null when tampered, malformed or expired.</summary>
    public LinkToken? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        var payload = token.StartsWith("v1.tl.", StringComparison.Ordinal) ? token[6..] : token;
        try
        {
            using var document = JsonDocument.Parse(_protector.Unprotect(payload));
            var root = document.RootElement;
            var expiration = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("ExpiresAt").GetInt64());
            if (expiration <= timeProvider.GetUtcNow()) return null;
            var eventName = root.TryGetProperty("EventName", out var e) ? e.GetString() : null;
            var bookmarkId = root.TryGetProperty("BookmarkId", out var b) ? b.GetString() : null;
            if (eventName is null == (bookmarkId is null)) return null;
            return new LinkToken(eventName, bookmarkId, root.GetProperty("WorkflowInstanceId").GetString()!, expiration);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
