using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Host.Apis.Pages;
using Opiskeluhuolto.Host.Infrastructure;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;
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

    private static IResult ConfirmPage(string? t, HttpContext http, LinkTokens tokens, IAntiforgery antiforgery) =>
        tokens.Read(t) is { } token
            ? Render<EventLinkPage>(new { Outcome = EventLinkOutcome.Confirm, Action = token.EventName ?? "", Token = t, Tokens = antiforgery.GetAndStoreTokens(http) })
            : Invalid();

    private static async Task<IResult> TriggerAsync([FromForm] string? t, LinkTokens tokens, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var token = tokens.Read(t);
        if (token is null) return Invalid();
        var acted = token.BookmarkId is { } bookmarkId
            ? await runtime.ResumeAsync(token.WorkflowInstanceId, bookmarkId, null, cancellationToken) is not null
            : (await runtime.DeliverAsync(Stimulus.ForEvent(token.EventName!, null, workflowInstanceId: token.WorkflowInstanceId) with { QueueIfUnmatched = false }, cancellationToken)).Count > 0;
        return acted
            ? Render<EventLinkPage>(new { Outcome = EventLinkOutcome.Recorded })
            : Render<EventLinkPage>(new { Outcome = EventLinkOutcome.AlreadyHandled }, StatusCodes.Status409Conflict);
    }

    private static IResult Invalid() => Render<EventLinkPage>(new { Outcome = EventLinkOutcome.Invalid }, StatusCodes.Status410Gone);
}
