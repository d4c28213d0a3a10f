using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Checks <c>Auth:*</c> at start-up: an admin user needs a password and every coordinator a user and a password, so a
/// half-written account stops the start naming its key instead of silently never letting anybody in.
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.AdminUser) && string.IsNullOrEmpty(options.AdminPassword)) errors.Add("Auth:AdminPassword is needed with Auth:AdminUser.");
        if (string.IsNullOrEmpty(options.AdminUser) && !string.IsNullOrEmpty(options.AdminPassword)) errors.Add("Auth:AdminUser is needed with Auth:AdminPassword.");
        for (var i = 0; i < options.Coordinators.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Coordinators[i].User) || string.IsNullOrEmpty(options.Coordinators[i].Password))
                errors.Add($"Coordinator {i} is half written: Auth:Coordinators:{i}:User and Auth:Coordinators:{i}:Password are both needed.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
