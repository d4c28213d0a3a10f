using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Host.Studio.Pages;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

namespace Opiskeluhuolto.Host.Studio;

/// <summary>
/// Hosts the unmodified Elsa Studio under <c>/studio</c>: its static files, our small shell pages that mount its custom
/// elements, and the admin sign-in that hands the Studio a short-lived access token.
/// </summary>
public static class StudioPages
{
    /// <summary>Policy of the Studio pages.</summary>
    public const string PolicyName = "StudioUser";

    /// <summary>The Studio package folder, or null when it is not installed.</summary>
    public static string? PackageFolder(IOptions<StudioOptions> options, IHostEnvironment environment)
    {
        var folder = options.Value.Path is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
            : System.IO.Path.Combine(environment.ContentRootPath, "Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm");
        return File.Exists(System.IO.Path.Combine(folder, "_framework", "blazor.webassembly.js")) ? folder : null;
    }

    /// <summary>Serves the package's files under /studio with the MIME types Blazor WASM needs.</summary>
    public static void UseStudioFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = PackageFolder(app.Services.GetRequiredService<IOptions<StudioOptions>>(), app.Environment);
        if (folder is null) return;
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".woff2"] = "font/woff2";
        types.Mappings[".js"] = "text/javascript";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = "/studio",
            ContentTypeProvider = types,
            OnPrepareResponse = ctx =>
            {
                // Fingerprinted framework files never change; the rest is revalidated.
                var fingerprinted = ctx.File.Name.Count(c => c == '.') >= 2 && ctx.Context.Request.Path.StartsWithSegments("/studio/_framework", StringComparison.Ordinal);
                ctx.Context.Response.Headers.CacheControl = fingerprinted ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
    }

    /// <summary>Maps the shell pages and sign-in.</summary>
    public static void MapStudioPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/studio", (HttpContext http) => Results.Redirect($"{http.Request.PathBase}/studio/definitions")).AllowAnonymous().ExcludeFromDescription();
        var pages = app.MapGroup("/studio").RequireAuthorization(PolicyName).ExcludeFromDescription();
        // A fresh token for the open Studio page before its token runs out, while the sign-in session lives.
        pages.MapGet("/token", (HttpContext http, StudioTokens tokens) =>
        {
            var (token, expires) = tokens.IssueFor(http.User);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { accessToken = token, expiresAt = expires });
        });
        pages.MapGet("/definitions", (HttpContext http, StudioTokens tokens, IOptions<StudioOptions> o, IHostEnvironment env) => Shell(http, tokens, o, env, "definitions", "elsa-workflow-definition-list", null));
        pages.MapGet("/definitions/{definitionId}/edit", (string definitionId, HttpContext http, StudioTokens tokens, IOptions<StudioOptions> o, IHostEnvironment env) => Shell(http, tokens, o, env, "definitions", "elsa-workflow-definition-editor", ("definition-id", definitionId)));
        pages.MapGet("/instances", (HttpContext http, StudioTokens tokens, IOptions<StudioOptions> o, IHostEnvironment env) => Shell(http, tokens, o, env, "instances", "elsa-workflow-instance-list", null));
        pages.MapGet("/instances/{instanceId}", (string instanceId, HttpContext http, StudioTokens tokens, IOptions<StudioOptions> o, IHostEnvironment env) => Shell(http, tokens, o, env, "instances", "elsa-workflow-instance-viewer", ("instance-id", instanceId)));
        pages.MapGet("/workflows/instances/{instanceId}/view", (string instanceId, HttpContext http) => Results.Redirect($"{http.Request.PathBase}/studio/instances/{Uri.EscapeDataString(instanceId)}"));
        app.MapGet("/favicon.ico", (IOptions<StudioOptions> o, IHostEnvironment env) =>
            PackageFolder(o, env) is { } folder && File.Exists(System.IO.Path.Combine(folder, "_content", "Elsa.Studio.Shell", "favicon.ico"))
                ? Results.File(System.IO.Path.Combine(folder, "_content", "Elsa.Studio.Shell", "favicon.ico"), "image/x-icon")
                : Results.NoContent()).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/studio/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/studio/login", LoginAsync).AllowAnonymous().RequireRateLimiting("logins").ExcludeFromDescription();
        app.MapGet("/studio/login/oidc", OidcChallenge).AllowAnonymous().RequireRateLimiting("logins").ExcludeFromDescription();
        app.MapGet("/studio/signed-in", (Delegate)SignedInAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/studio/logout", async (HttpContext http, SignInSessions sessions) =>
        {
            // Ends the session, so the Studio tokens minted from it stop working too, not only the cookie.
            if ((await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Principal is { } principal) await sessions.EndAsync(principal, http.RequestAborted);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{http.Request.PathBase}/studio/login");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static string Language(HttpContext http)
    {
        var requested = http.Request.Query["lang"].ToString();
        if (RequestLanguage.IsSupported(requested))
        {
            http.Response.Cookies.Append("studio-lang", requested, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return requested;
        }

        return http.Request.Cookies["studio-lang"] is { } cookie && RequestLanguage.IsSupported(cookie) ? cookie : "fi";
    }

    private static IResult Shell(HttpContext http, StudioTokens tokens, IOptions<StudioOptions> options, IHostEnvironment environment, string section, string element, (string Name, string Value)? attribute)
    {
        var lang = Language(http);
        var request = http.Request;
        return Render<StudioShell>(new
        {
            Lang = lang, Text = PageTexts.Table<StudioTexts>(lang), Section = section, Element = element, Attribute = attribute,
            Origin = $"{request.Scheme}://{request.Host}{request.PathBase}", PathBase = request.PathBase.Value ?? "",
            AccessToken = tokens.IssueFor(http.User).Token,
            TokenUrl = $"{request.PathBase}/studio/token",
            SignOutToken = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!,
            Installed = PackageFolder(options, environment) is not null,
        });
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, bool? failed)
    {
        var lang = Language(http);
        return Render<StudioLogin>(new
        {
            Lang = lang, Text = PageTexts.Table<StudioTexts>(lang), Tokens = antiforgery.GetAndStoreTokens(http),
            ReturnUrl = returnUrl ?? $"{http.Request.PathBase}/studio/definitions", Failed = failed == true,
            Oidc = http.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.Oidc is { Enabled: true } oidc ? oidc.DisplayName ?? "" : null,
        });
    }

    // Where a sign-in may lead: the Studio or the coordinator's workspace of this service, nothing else.
    private static string? SafeTarget(string pathBase, string? returnUrl)
    {
        var local = returnUrl is { Length: > 0 } r && r.StartsWith(pathBase, StringComparison.Ordinal) ? r[pathBase.Length..] : returnUrl;
        return local is { Length: > 0 } l && (l.StartsWith("/studio", StringComparison.Ordinal) || l.StartsWith("/coordinator", StringComparison.Ordinal)) && !l.Contains("//", StringComparison.Ordinal) && !l.Contains('\\', StringComparison.Ordinal)
            ? pathBase + local
            : null;
    }

    // Sign-in with the organisation's provider: off to it, back to the page asked for (or to the place the roles open).
    private static IResult OidcChallenge(HttpContext http, string? returnUrl, IOptionsMonitor<AuthOptions> auth)
    {
        if (auth.CurrentValue.Oidc?.Enabled != true) return Results.NotFound();
        var pathBase = http.Request.PathBase.Value ?? "";
        return Results.Challenge(new AuthenticationProperties { RedirectUri = SafeTarget(pathBase, returnUrl) ?? $"{pathBase}/studio/signed-in" }, [OidcSignIn.SchemeName]);
    }

    // After a provider's sign-in without a page asked for: admins to the Studio, coordinators to their workspace.
    private static async Task<IResult> SignedInAsync(HttpContext http)
    {
        var pathBase = http.Request.PathBase.Value ?? "";
        var user = (await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Principal;
        if (user?.IsInRole(ApiKeyAuthenticationHandler.AdminRole) == true) return Results.Redirect($"{pathBase}/studio/definitions");
        if (user?.IsInRole(ApiKeyAuthenticationHandler.CoordinatorRole) == true) return Results.Redirect($"{pathBase}/coordinator");
        return Results.Redirect($"{pathBase}/studio/login?failed=true");
    }

    private static async Task<IResult> LoginAsync(HttpContext http, [FromForm] string? user, [FromForm] string? password, [FromForm] string? returnUrl, IOptionsMonitor<AuthOptions> auth, FailedAttempts failures, IAntiforgery antiforgery)
    {
        // An account guessed at from many addresses is held back as well as each address (the "logins" rate limit).
        if (failures.BlockedFor(FailedAttempts.Account(user)) is { } wait)
        {
            var lang = Language(http);
            FailedAttempts.RetryAfter(http, wait);
            return Render<StudioLogin>(new
            {
                Lang = lang, Text = PageTexts.Table<StudioTexts>(lang), Tokens = antiforgery.GetAndStoreTokens(http),
                ReturnUrl = returnUrl ?? $"{http.Request.PathBase}/studio/definitions", Throttled = true,
            }, StatusCodes.Status429TooManyRequests);
        }

        static bool Same(string? given, string? expected) =>
            !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(expected));
        var options = auth.CurrentValue;
        // The password is checked for the account the user name names (hashed or not); with none, a decoy takes as long.
        var adminNamed = Same(user, options.AdminUser);
        var coordinatorNamed = options.Coordinators.FirstOrDefault(c => Same(user, c.User));
        if (!adminNamed && coordinatorNamed is null) LocalPasswords.CheckDecoy(password);
        var isAdmin = adminNamed && LocalPasswords.Matches(password, options.AdminPassword);
        var coordinator = !isAdmin && coordinatorNamed is not null && LocalPasswords.Matches(password, coordinatorNamed.Password) ? coordinatorNamed : null;
        var pathBase = http.Request.PathBase.Value ?? "";
        var target = SafeTarget(pathBase, returnUrl) ?? pathBase + (isAdmin || coordinator is null ? "/studio/definitions" : "/coordinator");
        if (!isAdmin && coordinator is null) failures.Record(FailedAttempts.Account(user), FailedAttempts.AccountWindow);
        if (!isAdmin && coordinator is null) return Results.Redirect($"{pathBase}/studio/login?failed=true&returnUrl={Uri.EscapeDataString(target)}");
        if (!isAdmin && !target.StartsWith(pathBase + "/coordinator", StringComparison.Ordinal)) target = pathBase + "/coordinator";
        var name = isAdmin ? user! : coordinator!.Name ?? user!;
        var session = await http.RequestServices.GetRequiredService<SignInSessions>().StartAsync(name, "password", http.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, isAdmin ? ApiKeyAuthenticationHandler.AdminRole : ApiKeyAuthenticationHandler.CoordinatorRole), session],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(target);
    }
}
