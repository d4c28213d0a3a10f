using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>JWT bearer sign-in (OIDC-ready): roles from the token's claim map to administrator and coordinator.</summary>
public sealed class JwtTests
{
    private const string Key = "a-shared-test-signing-key-of-at-least-32-characters";

    private static string Token(string key, params string[] roles)
    {
        var now = DateTime.UtcNow;
        var earliest = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) < now ? new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://tunnistus.hyvinvointialue.example", Audience = "opiskeluhuolto",
            Subject = new ClaimsIdentity([new Claim("sub", "eeva.salminen"), new Claim("name", "Eeva Salminen"), .. roles.Select(r => new Claim("roles", r))]),
            NotBefore = earliest.AddHours(-1), IssuedAt = earliest.AddHours(-1), Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task Jwt_RolesMapToCoordinatorAndAdmin_BadTokensAreRefused()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Auth:Jwt:SigningKey"] = Key, ["Auth:Jwt:Issuer"] = "https://tunnistus.hyvinvointialue.example", ["Auth:Jwt:Audience"] = "opiskeluhuolto",
        });

        async Task<HttpStatusCode> GetAsync(string url, string token)
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await client.GetAsync(url)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/cycles", Token(Key, "coordinator")));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/api/outbox", Token(Key, "coordinator")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/outbox", Token(Key, "admin")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/elsa/api/workflow-definitions", Token(Key, "admin")));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/api/cycles", Token(Key)));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/cycles", Token("another-key-that-is-also-32-characters-long", "admin")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/cycles", "not.a.token"));
    }
}
