using System.Globalization;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>JavaScript <c>createEventTriggerUrl(eventName[, lifetime | expiresAt])</c>: a signed link that publishes the event to this instance.</summary>
public sealed class EventLinkScriptFunctions(LinkTokens tokens, PublicBaseUrl baseUrl, TimeProvider timeProvider) : IScriptFunctions
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions => field ??=
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>> { ["createEventTriggerUrl"] = CreateUrl };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Declarations { get; } = new Dictionary<string, string> { ["createEventTriggerUrl"] = "(eventName: string, lifetimeOrExpiresAt?: string): string" };

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
