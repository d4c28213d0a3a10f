using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// What a deployment must configure before it serves anybody, checked before the service is built so a missing key
/// stops the start naming it. Outside Development: a certificate for the key ring (it signs participant links and
/// Studio tokens; unencrypted, a backup of it would be an admin credential) and the public base URL (links in mail
/// must not take their host from a request). In Production also a mail relay (or a pickup folder chosen on purpose)
/// and at least one way for an administrator to sign in.
/// </summary>
public static class DeploymentSettings
{
    /// <summary>The problems, each naming its key; empty when the deployment is complete.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        if (environment.IsDevelopment()) return problems;
        if (string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"]))
            problems.Add($"DataProtection:CertificatePath is required outside Development (environment '{environment.EnvironmentName}'): a PFX certificate that encrypts the key ring, which signs participant links and Studio tokens (see docs/operations.md#deployment).");
        if (string.IsNullOrWhiteSpace(configuration["Server:BaseUrl"]))
            problems.Add("Server:BaseUrl is required outside Development: the public address (https://…) that links in mail point to.");
        if (!environment.IsProduction()) return problems;
        if (string.IsNullOrWhiteSpace(configuration["Smtp:Host"]) && string.IsNullOrWhiteSpace(configuration["Mail:PickupDirectory"]))
            problems.Add("Smtp:Host is required in Production (the mail relay), or Mail:PickupDirectory for a relay that collects mail from a folder.");
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.NothingConfigured)
            problems.Add("Auth:AdminApiKey (or Auth:AdminUser and Auth:AdminPassword, or Auth:Jwt) is required in Production: without one nobody can administer the service.");
        return problems;
    }

    /// <summary>Stops the start when <see cref="Problems"/> finds any.</summary>
    public static void Check(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count > 0) throw new OptionsValidationException("Deployment", typeof(DeploymentSettings), problems);
    }
}
