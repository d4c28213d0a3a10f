using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

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

        if (DevelopmentAccess.Allows(authOptions.CurrentValue, environment, accessor.HttpContext)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
