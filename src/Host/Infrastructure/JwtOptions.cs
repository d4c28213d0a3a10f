namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>JWT bearer sign-in settings (<c>Auth:Jwt:*</c>): an OpenID Connect issuer, or a shared signing key.</summary>
public sealed class JwtOptions
{
    /// <summary>The OIDC issuer (its metadata supplies the signing keys), e.g. <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (the API's client id or URI).</summary>
    public string? Audience { get; set; }

    /// <summary>Without an authority: the expected issuer of tokens signed with <see cref="SigningKey"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Without an authority: a shared HMAC key (at least 32 characters) for tokens from a trusted issuer.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries roles (default <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role value that makes an administrator (default <c>admin</c>).</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>The role value that makes a coordinator (default <c>coordinator</c>).</summary>
    public string CoordinatorRole { get; set; } = "coordinator";

    /// <summary>Whether JWT sign-in is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
