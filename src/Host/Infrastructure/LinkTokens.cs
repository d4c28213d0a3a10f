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

/// <summary>What a signed event link carries.</summary>
public sealed record EventToken(string EventName, string WorkflowInstanceId, DateTimeOffset ExpiresAt);

/// <summary>Signs and reads event-trigger tokens with ASP.NET Core Data Protection (purpose "Elsa Tokens", time-limited).</summary>
public sealed class LinkTokens(IDataProtectionProvider provider, TimeProvider timeProvider)
{
    /// <summary>Default lifetime of a link.</summary>
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromDays(30);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Elsa Tokens").ToTimeLimitedDataProtector();

    /// <summary>Creates a token.</summary>
    public string Create(string eventName, string workflowInstanceId, DateTimeOffset expiresAt)
    {
        var json = JsonSerializer.Serialize(new { EventName = eventName, WorkflowInstanceId = workflowInstanceId });
        return "v1.tl." + _protector.Protect(json, expiresAt);
    }

    /// <summary>Reads a token; null when tampered, malformed or expired.</summary>
    public EventToken? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        var payload = token.StartsWith("v1.tl.", StringComparison.Ordinal) ? token[6..] : token;
        try
        {
            var json = _protector.Unprotect(payload, out var expiration);
            if (expiration < timeProvider.GetUtcNow()) return null;
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new EventToken(root.GetProperty("EventName").GetString()!, root.GetProperty("WorkflowInstanceId").GetString()!, expiration);
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
