using System.Globalization;
using System.Net;
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
        app.MapPost("/studio/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{http.Request.PathBase}/studio/login");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["fi"] = new() { ["product"] = "Opiskeluhuolto – työnkulut", ["definitions"] = "Työnkulut", ["instances"] = "Käynnissä olevat", ["signout"] = "Kirjaudu ulos", ["signin"] = "Kirjaudu sisään", ["user"] = "Käyttäjätunnus", ["password"] = "Salasana", ["failed"] = "Käyttäjätunnus tai salasana on väärin.", ["missing"] = "Elsa Studio ei ole asennettu. Asenna Node.js (npm) ja käännä palvelu uudelleen.", ["language"] = "Kieli" },
        ["sv"] = new() { ["product"] = "Elevhälsa – arbetsflöden", ["definitions"] = "Arbetsflöden", ["instances"] = "Pågående", ["signout"] = "Logga ut", ["signin"] = "Logga in", ["user"] = "Användarnamn", ["password"] = "Lösenord", ["failed"] = "Fel användarnamn eller lösenord.", ["missing"] = "Elsa Studio är inte installerad. Installera Node.js (npm) och bygg tjänsten på nytt.", ["language"] = "Språk" },
        ["en"] = new() { ["product"] = "Student welfare – workflows", ["definitions"] = "Workflows", ["instances"] = "Instances", ["signout"] = "Sign out", ["signin"] = "Sign in", ["user"] = "User name", ["password"] = "Password", ["failed"] = "Wrong user name or password.", ["missing"] = "Elsa Studio is not installed. Install Node.js (npm) and build the service again.", ["language"] = "Language" },
    };

    private static string Language(HttpContext http)
    {
        var requested = http.Request.Query["lang"].ToString();
        if (Texts.ContainsKey(requested))
        {
            http.Response.Cookies.Append("studio-lang", requested, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return requested;
        }

        return http.Request.Cookies["studio-lang"] is { } cookie && Texts.ContainsKey(cookie) ? cookie : "fi";
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static IResult Shell(HttpContext http, StudioTokens tokens, IOptions<StudioOptions> options, IHostEnvironment environment, string section, string element, (string Name, string Value)? attribute)
    {
        var lang = Language(http);
        var t = Texts[lang];
        var request = http.Request;
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var token = tokens.Issue(http.User.Identity?.Name ?? "admin");
        var installed = PackageFolder(options, environment) is not null;
        var nav = new StringBuilder();
        foreach (var (key, href) in new[] { ("definitions", "definitions"), ("instances", "instances") })
            nav.Append(CultureInfo.InvariantCulture, $"""<li><a href="{request.PathBase}/studio/{href}"{(key == section ? " aria-current=\"page\"" : "")}>{Enc(t[key])}</a></li>""");
        var languages = string.Join(" ", Texts.Keys.Select(l => $"""<a href="?lang={l}" lang="{l}"{(l == lang ? " aria-current=\"true\"" : "")}>{l.ToUpperInvariant()}</a>"""));
        var mount = installed
            ? $$"""
              <script>
                (function () {
                  var endpoint = {{System.Text.Json.JsonSerializer.Serialize(origin + "/elsa/api")}};
                  var backend = document.createElement('elsa-backend-provider');
                  backend.setAttribute('remote-endpoint', endpoint);
                  backend.setAttribute('access-token', {{System.Text.Json.JsonSerializer.Serialize(token)}});
                  document.body.appendChild(backend);
                  var el = document.createElement({{System.Text.Json.JsonSerializer.Serialize(element)}});
                  el.setAttribute('remote-endpoint', endpoint);
                  {{(attribute is { } a ? $"el.setAttribute({System.Text.Json.JsonSerializer.Serialize(a.Name)}, {System.Text.Json.JsonSerializer.Serialize(a.Value)});" : "")}}
                  el.style.display = 'block';
                  el.style.height = 'calc(100vh - 3.5rem)';
                  document.getElementById('studio').appendChild(el);
                  customElements.whenDefined({{System.Text.Json.JsonSerializer.Serialize(element)}}).then(function () {
                    el.editWorkflowDefinition = function (id) { location.href = {{System.Text.Json.JsonSerializer.Serialize(request.PathBase + "/studio/definitions/")}} + encodeURIComponent(id) + '/edit'; };
                    el.viewWorkflowInstance = function (id) { location.href = {{System.Text.Json.JsonSerializer.Serialize(request.PathBase + "/studio/instances/")}} + encodeURIComponent(id); };
                  });
                })();
              </script>
              <script src="_content/BlazorMonaco/jsInterop.js"></script>
              <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
              <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
              <script src="_content/MudBlazor/MudBlazor.min.js"></script>
              <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
              <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
              <script src="_framework/blazor.webassembly.js"></script>
              """
            : $"""<p role="alert">{Enc(t["missing"])}</p>""";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{Enc(t[section])} – {Enc(t["product"])}</title>
              <base href="{request.PathBase}/studio/">
              <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet">
              <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet">
              <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet">
              <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet">
              <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet">
              <style>{ShellCss}</style>
            </head>
            <body>
              <header class="oh-bar">
                <span class="oh-product">{Enc(t["product"])}</span>
                <nav aria-label="{Enc(t["product"])}"><ul>{nav}</ul></nav>
                <span class="oh-lang" aria-label="{Enc(t["language"])}">{languages}</span>
                <form method="post" action="{request.PathBase}/studio/logout"><input type="hidden" name="__RequestVerificationToken" value="{Enc(http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!)}"><button type="submit">{Enc(t["signout"])}</button></form>
              </header>
              <main id="studio"></main>
              <div id="blazor-error-ui" hidden>An unhandled error has occurred. <a href="" class="reload">Reload</a></div>
              {mount}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private const string ShellCss = ".oh-bar{display:flex;align-items:center;gap:1.5rem;height:3.5rem;padding:0 1rem;background:#003f7d;color:#fff;font-family:system-ui,sans-serif}.oh-bar a,.oh-bar button{color:#fff;font:inherit}.oh-bar ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}.oh-bar a[aria-current]{font-weight:700;text-decoration:underline}.oh-product{font-weight:700}.oh-lang{margin-left:auto;display:flex;gap:.5rem}.oh-bar button{background:none;border:1px solid #fff;border-radius:.25rem;padding:.25rem .75rem;cursor:pointer}.oh-bar a:focus,.oh-bar button:focus{outline:3px solid #ffb000;outline-offset:2px}";

    private const string LoginCss = "body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem 1.5rem;font-size:1rem;background:#003f7d;color:#fff;border:0;border-radius:.25rem}button:focus,input:focus{outline:3px solid #ffb000;outline-offset:2px}[role=alert]{color:#a30000}";

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, bool? failed)
    {
        var lang = Language(http);
        var t = Texts[lang];
        var af = antiforgery.GetAndStoreTokens(http);
        var html = $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Enc(t["signin"])} – {Enc(t["product"])}</title>
            <style>{LoginCss}</style></head>
            <body><main>
              <h1>{Enc(t["product"])}</h1>
              {(failed == true ? $"<p role=\"alert\">{Enc(t["failed"])}</p>" : "")}
              <form method="post" action="login">
                <input type="hidden" name="{Enc(af.FormFieldName)}" value="{Enc(af.RequestToken!)}">
                <input type="hidden" name="returnUrl" value="{Enc(returnUrl ?? $"{http.Request.PathBase}/studio/definitions")}">
                <label for="user">{Enc(t["user"])}</label><input id="user" name="user" autocomplete="username" required>
                <label for="password">{Enc(t["password"])}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">{Enc(t["signin"])}</button>
              </form>
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, [FromForm] string? user, [FromForm] string? password, [FromForm] string? returnUrl, IOptionsMonitor<AuthOptions> auth)
    {
        static bool Same(string? given, string? expected) =>
            !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(expected));
        var options = auth.CurrentValue;
        var isAdmin = Same(user, options.AdminUser) & Same(password, options.AdminPassword);
        var coordinator = options.Coordinators.FirstOrDefault(c => Same(user, c.User) & Same(password, c.Password));
        var pathBase = http.Request.PathBase.Value ?? "";
        var local = returnUrl is { Length: > 0 } r && r.StartsWith(pathBase, StringComparison.Ordinal) ? r[pathBase.Length..] : returnUrl;
        var allowed = local is { Length: > 0 } l && (l.StartsWith("/studio", StringComparison.Ordinal) || l.StartsWith("/coordinator", StringComparison.Ordinal)) && !l.Contains("//", StringComparison.Ordinal);
        var target = pathBase + (allowed ? local : isAdmin || coordinator is null ? "/studio/definitions" : "/coordinator");
        if (!isAdmin && coordinator is null) return Results.Redirect($"{pathBase}/studio/login?failed=true&returnUrl={Uri.EscapeDataString(target)}");
        if (!isAdmin && !target.StartsWith(pathBase + "/coordinator", StringComparison.Ordinal)) target = pathBase + "/coordinator";
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, isAdmin ? user! : coordinator!.Name ?? user!), new Claim(ClaimTypes.Role, isAdmin ? ApiKeyAuthenticationHandler.AdminRole : ApiKeyAuthenticationHandler.CoordinatorRole)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(target);
    }
}
