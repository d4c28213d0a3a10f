namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Authentication settings.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// Admin API key accepted as <c>Authorization: ApiKey &lt;key&gt;</c>. When unset, the API is closed (or open to
    /// loopback callers with <see cref="DevelopmentOpenAccess"/>).
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Studio sign-in user name of the administrator.</summary>
    public string? AdminUser { get; set; }

    /// <summary>Studio sign-in password of the administrator.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Coordinators who sign in to the coordinator's workspace (<c>Auth:Coordinators:0:User</c>, <c>…:Password</c>, <c>…:Name</c>).</summary>
    public List<CoordinatorAccount> Coordinators { get; set; } = [];

    /// <summary>
    /// The developer's trial: in Development, with no credential configured, loopback callers get in without one
    /// (<see cref="DevelopmentAccess"/>). Set in appsettings.Development.json; refused in any other environment.
    /// </summary>
    public bool DevelopmentOpenAccess { get; set; }

    /// <summary>Whether no credential at all is configured (then only loopback callers in Development get in).</summary>
    public bool NothingConfigured => string.IsNullOrEmpty(AdminApiKey) && string.IsNullOrEmpty(AdminPassword) && !Coordinators.Any(c => !string.IsNullOrEmpty(c.Password)) && Jwt?.Enabled != true && Oidc?.Enabled != true;

    /// <summary>Sign-in with the organisation's identity provider (<c>Auth:Oidc:*</c>).</summary>
    public OidcOptions? Oidc { get; set; }

    /// <summary>JWT bearer / OIDC sign-in (<c>Auth:Jwt:*</c>).</summary>
    public JwtOptions? Jwt { get; set; }
}
