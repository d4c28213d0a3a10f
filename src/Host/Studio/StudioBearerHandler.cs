using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Studio;

/// <summary>Accepts <c>Authorization: Bearer &lt;studio token&gt;</c> (what Elsa Studio sends with <c>access-token</c>) while its session lives.</summary>
public sealed class StudioBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StudioTokens tokens, SignInSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "StudioBearer";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        if (tokens.Read(header["Bearer ".Length..].Trim()) is not { } read) return AuthenticateResult.Fail("Invalid or expired Studio token.");
        var (user, session) = read;
        if (!await sessions.IsAliveAsync(session, Context.RequestAborted)) return AuthenticateResult.Fail("The sign-in session of this Studio token has ended.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.AdminRole), new Claim(SignInSessions.ClaimType, session)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
