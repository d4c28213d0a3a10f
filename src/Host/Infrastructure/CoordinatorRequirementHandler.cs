using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

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
            || DevelopmentAccess.Allows(authOptions.CurrentValue, environment, accessor.HttpContext))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
