namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Security headers on every response: no MIME sniffing, no referrer (decision and inbox links carry their token in the
/// query string, which must never leak to a document's server), no framing, and a Content-Security-Policy per area —
/// the Studio gets what its WebAssembly needs, the server-rendered pages only the stylesheet from this origin and their forms, the APIs
/// nothing at all.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Studio: Blazor WebAssembly needs <c>'wasm-unsafe-eval'</c>; its index page has inline scripts and styles.</summary>
    public const string StudioPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The browsable API reference (Swagger UI): its own scripts and styles, the OpenAPI document from this origin.</summary>
    public const string ApiDocsPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Server-rendered pages (decision pages, inbox, coordinator's workspace, home): the one stylesheet from this origin, forms to ourselves, no script, no inline style.</summary>
    public const string PagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The dev inbox (Development only): the mails it shows in a sandboxed frame carry their own inline styles.</summary>
    public const string DevMailPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Everything else (JSON, CSV, files): nothing may run.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /// <summary>Adds the headers before the response starts.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            var path = context.Request.Path;
            var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            // Every page is made for one person at one moment: decision and task pages, the task inbox, the Studio shell
            // (which carries a token) and the workspace's forms must not stay in a shared or back-button cache.
            if (html) headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = path.StartsWithSegments("/studio") ? StudioPolicy : path.StartsWithSegments("/api-docs") ? ApiDocsPolicy
                : (path.StartsWithSegments("/dev/mail") || path.StartsWithSegments("/coordinator/cycles/preview-mail")) && html ? DevMailPolicy : html ? PagePolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
