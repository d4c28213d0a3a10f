using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Host.Public.Pages;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

namespace Opiskeluhuolto.Host.Public;

/// <summary>The pages anyone may open: the home page at <c>/</c> and the accessibility statement.</summary>
public static class PublicPages
{
    /// <summary>Maps <c>GET /</c> and <c>GET /accessibility</c> (anonymous).</summary>
    public static void MapPublicPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (HttpContext http, IWebHostEnvironment environment) =>
            Render<WelcomePage>(new { Lang = RequestLanguage.Of(http), PathBase = http.Request.PathBase.Value ?? "", Development = environment.IsDevelopment() }))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/accessibility", (HttpContext http, IOptions<AccessibilityOptions> accessibility, IOptions<MailOptions> mail) =>
        {
            var lang = RequestLanguage.Of(http);
            return Render<AccessibilityPage>(new
            {
                Lang = lang,
                PathBase = http.Request.PathBase.Value ?? "",
                OrganisationName = accessibility.Value.OrganisationIn(lang),
                FeedbackEmail = string.IsNullOrWhiteSpace(accessibility.Value.FeedbackEmail) ? mail.Value.From : accessibility.Value.FeedbackEmail,
            });
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
