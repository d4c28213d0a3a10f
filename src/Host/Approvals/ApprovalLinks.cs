using System.Security.Cryptography;
using System.Text.Json;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>What a decision link carries: one seat of one approval, one person, an optional preselected decision.</summary>
public sealed record ApprovalLink(string InstanceId, string SeatId, string Email, string Language, string? Decision, DateTimeOffset ExpiresAt);

/// <summary>What a personal task-inbox link carries: whose inbox, in which language, until when.</summary>
public sealed record InboxLink(string Email, string Language, DateTimeOffset ExpiresAt);

/// <summary>Approval link settings (<c>Approvals:*</c>).</summary>
public sealed class ApprovalOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Approvals";

    /// <summary>Longest lifetime of a decision or inbox link (default 30 days).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after the due date a decision link still opens (default 7 days; never beyond <see cref="LinkLifetime"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan AfterDueDate { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Signs and reads decision links (Data Protection; keys persisted with the data; expiry checked on <see cref="TimeProvider"/>).</summary>
public sealed class ApprovalLinks(IDataProtectionProvider provider, TimeProvider timeProvider, IOptions<ApprovalOptions> options)
{
    /// <summary>Longest lifetime of a link.</summary>
    public TimeSpan MaxLifetime => options.Value.LinkLifetime;

    private readonly IDataProtector _decisions = provider.CreateProtector("Opiskeluhuolto.Approvals.DecisionLink");
    private readonly IDataProtector _inboxes = provider.CreateProtector("Opiskeluhuolto.Approvals.InboxLink");

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
