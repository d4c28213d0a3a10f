using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Studio;

/// <summary>Accepts <c>Authorization: Bearer &lt;studio token&gt;</c> (what Elsa Studio sends with <c>access-token</c>).</summary>
public sealed class StudioBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StudioTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "StudioBearer";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var user = tokens.Validate(header["Bearer ".Length..].Trim());
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("Invalid or expired Studio token."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.AdminRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
