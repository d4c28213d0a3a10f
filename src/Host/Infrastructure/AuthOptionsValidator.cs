using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Checks <c>Auth:*</c> at start-up: an admin user needs a password and every coordinator a user and a password, so a
/// half-written account stops the start naming its key instead of silently never letting anybody in. Outside
/// Development an API key shorter than <see cref="MinimumKeyLength"/> or a password shorter than
/// <see cref="MinimumPasswordLength"/> stops the start too: either is an admin credential open to guessing.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    /// <summary>Shortest API key accepted outside Development (e.g. <c>openssl rand -hex 32</c> gives 64).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>Shortest password accepted outside Development.</summary>
    public const int MinimumPasswordLength = 12;

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

        if (DevelopmentAccess.IsOn(options, environment) && configuration.GetValue<bool>("Server:ForwardedHeaders"))
            errors.Add("Auth:DevelopmentOpenAccess cannot be used with Server:ForwardedHeaders: a proxy's callers would all look like this machine.");
        if (!environment.IsDevelopment())
        {
            if (options.DevelopmentOpenAccess)
                errors.Add($"Auth:DevelopmentOpenAccess lets anyone on this machine in without credentials; it is refused outside Development (environment '{environment.EnvironmentName}').");
            if (options.AdminApiKey is { Length: > 0 } key && key.Length < MinimumKeyLength)
                errors.Add($"Auth:AdminApiKey must be at least {MinimumKeyLength} characters (e.g. the output of openssl rand -hex 32).");
            if (options.AdminPassword is { Length: > 0 } password && !LocalPasswords.IsHash(password) && password.Length < MinimumPasswordLength)
                errors.Add($"Auth:AdminPassword must be at least {MinimumPasswordLength} characters.");
            for (var i = 0; i < options.Coordinators.Count; i++)
            {
                if (options.Coordinators[i].Password is { Length: > 0 } p && !LocalPasswords.IsHash(p) && p.Length < MinimumPasswordLength)
                    errors.Add($"Auth:Coordinators:{i}:Password must be at least {MinimumPasswordLength} characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
