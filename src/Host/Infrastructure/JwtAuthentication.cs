using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Adds the JWT bearer scheme when <c>Auth:Jwt</c> is configured; tokens' roles map to the service's roles.</summary>
public static class JwtAuthentication
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Registers the scheme if configured; returns whether it was.</summary>
    public static bool AddJwtIfConfigured(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var jwt = configuration.GetSection("Auth:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        if (!jwt.Enabled) return false;
        if (jwt.SigningKey is { Length: > 0 and < 32 }) throw new InvalidOperationException("Auth:Jwt:SigningKey must be at least 32 characters.");
        builder.AddJwtBearer(SchemeName, o =>
        {
            o.MapInboundClaims = false;
            o.Audience = jwt.Audience;
            if (!string.IsNullOrWhiteSpace(jwt.Authority))
            {
                o.Authority = jwt.Authority;
            }
            else
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer, ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer),
                    ValidAudience = jwt.Audience, ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience),
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)),
                };
            }

            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var roles = context.Principal!.FindAll(jwt.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var identity = (ClaimsIdentity)context.Principal.Identity!;
                    if (roles.Contains(jwt.AdminRole)) identity.AddClaim(new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.AdminRole));
                    if (roles.Contains(jwt.CoordinatorRole)) identity.AddClaim(new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.CoordinatorRole));
                    if (identity.FindFirst(ClaimTypes.Name) is null && (context.Principal.FindFirst("name") ?? context.Principal.FindFirst("sub")) is { } name)
                        identity.AddClaim(new Claim(ClaimTypes.Name, name.Value));
                    return Task.CompletedTask;
                },
            };
        });
        return true;
    }
}
