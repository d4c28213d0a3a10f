using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// Signed event links from e-mail (anonymous). A GET never acts — mail scanners open every link — it shows a
/// confirmation page; only the POST from that page publishes the event to the link's workflow instance.
/// </summary>
public static class PublicLinksApi
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapPublicLinksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/elsa/api/events/trigger", ConfirmPage).WithTags("Events").WithName("ConfirmEventLink").AllowAnonymous().RequireRateLimiting("links");
        app.MapPost("/elsa/api/events/trigger", TriggerAsync).WithTags("Events").WithName("TriggerEventLink").AllowAnonymous().RequireRateLimiting("links");
        app.MapGet("/elsa/api/bookmarks/resume", ConfirmPage).WithTags("Bookmarks").WithName("ConfirmBookmarkLink").AllowAnonymous().RequireRateLimiting("links");
        app.MapPost("/elsa/api/bookmarks/resume", TriggerAsync).WithTags("Bookmarks").WithName("ResumeBookmarkLink").AllowAnonymous().RequireRateLimiting("links");
        return app;
    }

    private static IResult ConfirmPage(string? t, HttpContext http, LinkTokens tokens, IAntiforgery antiforgery)
    {
        var token = tokens.Read(t);
        if (token is null) return Page(StatusCodes.Status410Gone, "Linkki ei ole voimassa · Länken är inte giltig · Link not valid", InvalidText);
        var af = antiforgery.GetAndStoreTokens(http);
        var action = token.EventName ?? "";
        var body = $"""
            <p lang="fi">Vahvista toiminto <strong>{Enc(action)}</strong> painamalla alla olevaa painiketta.</p>
            <p lang="sv">Bekräfta åtgärden <strong>{Enc(action)}</strong> genom att trycka på knappen nedan.</p>
            <p lang="en">Confirm the action <strong>{Enc(action)}</strong> with the button below.</p>
            <form method="post" action="">
              <input type="hidden" name="t" value="{Enc(t!)}">
              <input type="hidden" name="{Enc(af.FormFieldName)}" value="{Enc(af.RequestToken!)}">
              <button type="submit">Vahvista · Bekräfta · Confirm</button>
            </form>
            """;
        return Page(StatusCodes.Status200OK, "Vahvista · Bekräfta · Confirm", body);
    }

    private static async Task<IResult> TriggerAsync([FromForm] string? t, LinkTokens tokens, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var token = tokens.Read(t);
        if (token is null) return Page(StatusCodes.Status410Gone, "Linkki ei ole voimassa · Länken är inte giltig · Link not valid", InvalidText);
        var acted = token.BookmarkId is { } bookmarkId
            ? await runtime.ResumeAsync(token.WorkflowInstanceId, bookmarkId, null, cancellationToken) is not null
            : (await runtime.DeliverAsync(Stimulus.ForEvent(token.EventName!, null, workflowInstanceId: token.WorkflowInstanceId) with { QueueIfUnmatched = false }, cancellationToken)).Count > 0;
        return !acted
            ? Page(StatusCodes.Status409Conflict, "Jo käsitelty · Redan behandlad · Already handled", """
                <p lang="fi">Tämä linkki on jo käytetty tai asia on jo ratkaistu.</p>
                <p lang="sv">Länken har redan använts eller ärendet är redan avgjort.</p>
                <p lang="en">This link has already been used or the matter has already been decided.</p>
                """)
            : Page(StatusCodes.Status200OK, "Kiitos · Tack · Thank you", """
                <p lang="fi">Vastauksesi on kirjattu.</p>
                <p lang="sv">Ditt svar har registrerats.</p>
                <p lang="en">Your response has been recorded.</p>
                """);
    }

    private const string InvalidText = """
        <p lang="fi">Linkki on vanhentunut tai virheellinen. Pyydä uusi linkki koordinaattorilta.</p>
        <p lang="sv">Länken har gått ut eller är felaktig. Be koordinatorn om en ny länk.</p>
        <p lang="en">The link has expired or is invalid. Ask the coordinator for a new link.</p>
        """;

    private static string Enc(string value) => WebUtility.HtmlEncode(value);

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}button{font-size:1.1rem;padding:.75rem 1.5rem;background:#00509e;color:#fff;border:0;border-radius:.3rem}button:focus{outline:3px solid #ffb000;outline-offset:2px}";

    private static IResult Page(int status, string title, string body) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="fi">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{Enc(title)}</title>
          <style>{Style}</style>
        </head>
        <body>
          <main>
            <h1>{Enc(title)}</h1>
            {body}
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
