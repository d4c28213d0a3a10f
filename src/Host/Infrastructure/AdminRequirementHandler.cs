using System.Net;
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

        if (DevelopmentLoopback(authOptions.CurrentValue, environment, accessor)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>Nothing configured, Development, and a loopback caller: the out-of-the-box local trial.</summary>
    internal static bool DevelopmentLoopback(AuthOptions options, IHostEnvironment environment, IHttpContextAccessor accessor) =>
        options.NothingConfigured && environment.IsDevelopment() && accessor.HttpContext?.Connection is { } connection &&
        (connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress));
}
