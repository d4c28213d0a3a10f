using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// The OpenID Connect scheme of the pages (<see cref="OidcOptions"/>): the provider's sign-in ends in the same cookie
/// session as a local account's — a session id, audited, ended by signing out — with the roles the provider gave.
/// A user with neither role is signed in but reaches nothing (the pages send them back to the sign-in page).
/// </summary>
public static class OidcSignIn
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "oidc";

    /// <summary>Registers the scheme if <c>Auth:Oidc</c> is configured; returns whether it was.</summary>
    public static bool AddOidcIfConfigured(this AuthenticationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var oidc = configuration.GetSection("Auth:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.Enabled) return false;
        builder.AddOpenIdConnect(SchemeName, oidc.DisplayName ?? "OpenID Connect", o =>
        {
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.SaveTokens = false; // the session is ours; the provider's tokens are not kept in the cookie
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
            o.CallbackPath = "/signin-oidc";
            o.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = async context =>
                {
                    var principal = context.Principal!;
                    var roles = principal.FindAll(oidc.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var name = (principal.FindFirst("name") ?? principal.FindFirst("preferred_username") ?? principal.FindFirst("email") ?? principal.FindFirst("sub"))?.Value ?? "?";
                    var claims = new List<Claim> { new(ClaimTypes.Name, name) };
                    if (roles.Contains(oidc.AdminRole)) claims.Add(new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.AdminRole));
                    if (roles.Contains(oidc.CoordinatorRole)) claims.Add(new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.CoordinatorRole));
                    claims.Add(await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().StartAsync(name, "oidc", context.HttpContext.RequestAborted));
                    // Only what the service needs goes into its cookie.
                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
                },
                OnRemoteFailure = context =>
                {
                    context.Response.Redirect($"{context.Request.PathBase}/studio/login?failed=true");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
        return true;
    }
}
