using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>What a signed link carries: an event for an instance, or one bookmark of an instance.</summary>
public sealed record LinkToken(string? EventName, string? BookmarkId, string WorkflowInstanceId, DateTimeOffset ExpiresAt);

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

/// <summary>The base address used in links: <c>Server:BaseUrl</c>, else the current request, else the first server address.</summary>
public sealed class PublicBaseUrl(IOptions<ServerOptions> options, IHttpContextAccessor accessor, IServer server)
{
    /// <summary>The base URL without a trailing slash.</summary>
    public string Get()
    {
        if (options.Value.BaseUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
        if (accessor.HttpContext?.Request is { } request) return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}

/// <summary>JavaScript <c>createEventTriggerUrl(eventName[, lifetime | expiresAt])</c>: a signed link that publishes the event to this instance.</summary>
public sealed class EventLinkScriptFunctions(LinkTokens tokens, PublicBaseUrl baseUrl, TimeProvider timeProvider) : IScriptFunctions
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions =>
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>> { ["createEventTriggerUrl"] = CreateUrl };

    private string CreateUrl(ActivityExecutionContext context, object?[] args)
    {
        var eventName = args.Length > 0 && args[0] is string name && name.Length > 0 ? name : throw new ExpressionException("createEventTriggerUrl needs an event name.");
        var now = timeProvider.GetUtcNow();
        var expires = args.Length > 1 ? args[1] switch
        {
            string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span) => now + span,
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
            long ms => now + TimeSpan.FromMilliseconds(ms),
            null => now + LinkTokens.DefaultLifetime,
            _ => throw new ExpressionException("createEventTriggerUrl: the second argument must be a time span ('3.00:00:00') or a date."),
        } : now + LinkTokens.DefaultLifetime;
        var token = tokens.Create(eventName, context.Workflow.InstanceId, expires);
        return $"{baseUrl.Get()}/elsa/api/events/trigger?t={Uri.EscapeDataString(token)}";
    }
}
