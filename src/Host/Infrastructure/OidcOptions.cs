namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Sign-in to the Studio and the coordinator's workspace with the organisation's identity provider (<c>Auth:Oidc:*</c>;
/// Entra ID or any standard OpenID Connect provider): authorization code flow with PKCE, the roles claim mapped to
/// <c>admin</c> and <c>coordinator</c>.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>Issuer, e.g. <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The application's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Claim that carries the user's roles (Entra ID app roles: <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The provider's role for administrators.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>The provider's role for coordinators.</summary>
    public string CoordinatorRole { get; set; } = "coordinator";

    /// <summary>Name shown on the sign-in button (e.g. the county's name for its accounts).</summary>
    public string? DisplayName { get; set; }

    /// <summary>Fetch the provider's metadata only over HTTPS (turn off only for a provider on the same machine in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether sign-in with a provider is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
