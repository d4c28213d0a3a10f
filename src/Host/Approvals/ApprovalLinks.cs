using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>Signs and reads decision links (Data Protection; keys persisted with the data; expiry checked on <see cref="TimeProvider"/>).</summary>
public sealed class ApprovalLinks(IDataProtectionProvider provider, TimeProvider timeProvider, IOptions<ApprovalOptions> options)
{
    /// <summary>Longest lifetime of a link.</summary>
    public TimeSpan MaxLifetime => options.Value.LinkLifetime;

    private readonly IDataProtector _decisions = provider.CreateProtector("Opiskeluhuolto.Approvals.DecisionLink");
    private readonly IDataProtector _inboxes = provider.CreateProtector("Opiskeluhuolto.Approvals.InboxLink");
    private readonly IDataProtector _cycleFeeds = provider.CreateProtector("Opiskeluhuolto.Coordinator.CycleFeed");

    /// <summary>When a decision link for a task due at <paramref name="dueAt"/> expires: <c>Approvals:AfterDueDate</c> after the due date, at most <see cref="MaxLifetime"/> from now.</summary>
    public DateTimeOffset DecisionExpiry(DateTimeOffset dueAt)
    {
        var latest = timeProvider.GetUtcNow() + MaxLifetime;
        var afterDue = dueAt + options.Value.AfterDueDate;
        return afterDue < latest ? afterDue : latest;
    }

    /// <summary>When an inbox link created now expires.</summary>
    public DateTimeOffset InboxExpiry() => timeProvider.GetUtcNow() + MaxLifetime;

    /// <summary>Creates a decision link token.</summary>
    public string Create(ApprovalLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _decisions.Protect(JsonSerializer.Serialize(link));
    }

    /// <summary>Creates an inbox link token.</summary>
    public string Create(InboxLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _inboxes.Protect(JsonSerializer.Serialize(link));
    }

    /// <summary>Creates a coordinator's cycle-feed token.</summary>
    public string Create(Coordinator.CycleFeedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _cycleFeeds.Protect(JsonSerializer.Serialize(link));
    }

    /// <summary>Reads a cycle-feed token: (link, null) when valid; (null, "expired" | "invalid") otherwise.</summary>
    public (Coordinator.CycleFeedLink? Link, string? Problem) ReadCycleFeed(string? token) => Read<Coordinator.CycleFeedLink>(_cycleFeeds, token, l => l.ExpiresAt);

    /// <summary>Reads a decision token: (link, null) when valid; (null, "expired" | "invalid") otherwise.</summary>
    public (ApprovalLink? Link, string? Problem) Read(string? token) => Read<ApprovalLink>(_decisions, token, l => l.ExpiresAt);

    /// <summary>Reads an inbox token: (link, null) when valid; (null, "expired" | "invalid") otherwise.</summary>
    public (InboxLink? Link, string? Problem) ReadInbox(string? token) => Read<InboxLink>(_inboxes, token, l => l.ExpiresAt);

    private (T? Link, string? Problem) Read<T>(IDataProtector protector, string? token, Func<T, DateTimeOffset> expiresAt) where T : class
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return (null, "invalid");
        try
        {
            var link = JsonSerializer.Deserialize<T>(protector.Unprotect(token));
            if (link is null) return (null, "invalid");
            return expiresAt(link) <= timeProvider.GetUtcNow() ? (null, "expired") : (link, null);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return (null, "invalid");
        }
    }
}
