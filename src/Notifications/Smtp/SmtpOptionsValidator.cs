using MailKit.Security;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows;

namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>
/// Checks <c>Smtp:*</c> at start-up, so that a typo stops the start with the key's name instead of failing every send
/// into retries and dead letters later.
/// </summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out _) || int.TryParse(options.Security, out _))
            errors.Add($"Smtp:Security '{options.Security}' is not one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
        if (options.Port is < 1 or > 65535) errors.Add($"Smtp:Port {options.Port} is not a port number (1-65535).");
        // The outbox sends on one lane per connection (Engine:OutboxLanes, which has a limit of its own).
        if (options.MaxConnections is < 1 or > WorkflowEngineOptions.MaxOutboxLanes)
            errors.Add($"Smtp:MaxConnections must be between 1 and {WorkflowEngineOptions.MaxOutboxLanes} (was {options.MaxConnections}): the outbox sends on one lane per connection.");
        if (options.Timeout <= TimeSpan.Zero) errors.Add($"Smtp:Timeout must be positive (was {options.Timeout}).");
        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Host)) errors.Add("Smtp:Username is set but Smtp:Host is not.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
