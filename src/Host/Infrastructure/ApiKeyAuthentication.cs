using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Accepts <c>Authorization: ApiKey &lt;key&gt;</c> (what Elsa Studio sends with its <c>api-key</c> attribute).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Role of administrators.</summary>
    public const string AdminRole = "admin";

    /// <summary>Role of coordinators (cycles and people; administrators may do the same).</summary>
    public const string CoordinatorRole = "coordinator";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var expected = authOptions.CurrentValue.AdminApiKey;
        if (string.IsNullOrEmpty(expected)) return Task.FromResult(AuthenticateResult.Fail("No API key is configured."));
        var given = header["ApiKey ".Length..].Trim();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin-api-key"), new Claim(ClaimTypes.Role, AdminRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "ApiKey";
        return base.HandleChallengeAsync(properties);
    }
}

/// <summary>Admin access: an authenticated admin, or — only in Development with no key configured — a loopback caller.</summary>
public sealed class AdminRequirement : IAuthorizationRequirement;

/// <summary>Evaluates <see cref="AdminRequirement"/>.</summary>
public sealed class AdminRequirementHandler(IOptionsMonitor<AuthOptions> authOptions, IHostEnvironment environment, IHttpContextAccessor accessor) : AuthorizationHandler<AdminRequirement>
{
    /// <summary>Policy name.</summary>
    public const string PolicyName = "Admin";

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.User.IsInRole(ApiKeyAuthenticationHandler.AdminRole))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        if (DevelopmentLoopback(authOptions.CurrentValue, environment, accessor)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>Nothing configured, Development, and a loopback caller: the out-of-the-box local trial.</summary>
    internal static bool DevelopmentLoopback(AuthOptions options, IHostEnvironment environment, IHttpContextAccessor accessor) =>
        options.NothingConfigured && environment.IsDevelopment() && accessor.HttpContext?.Connection is { } connection &&
        (connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress));
}

/// <summary>Coordinator access: a coordinator or an administrator (or the Development loopback trial).</summary>
public sealed class CoordinatorRequirement : IAuthorizationRequirement;

/// <summary>Evaluates <see cref="CoordinatorRequirement"/>.</summary>
public sealed class CoordinatorRequirementHandler(IOptionsMonitor<AuthOptions> authOptions, IHostEnvironment environment, IHttpContextAccessor accessor) : AuthorizationHandler<CoordinatorRequirement>
{
    /// <summary>Policy of the coordinator API (API key, Studio token or sign-in cookie).</summary>
    public const string PolicyName = "Coordinator";

    /// <summary>Policy of the coordinator pages (sign-in cookie).</summary>
    public const string PagesPolicyName = "CoordinatorPages";

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CoordinatorRequirement requirement)
    {
        if (context.User.IsInRole(ApiKeyAuthenticationHandler.AdminRole) || context.User.IsInRole(ApiKeyAuthenticationHandler.CoordinatorRole)
            || AdminRequirementHandler.DevelopmentLoopback(authOptions.CurrentValue, environment, accessor))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
