using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// The language of a page a person opens: the one they chose (<c>?lang=</c>, kept in a cookie), otherwise the first of
/// Finnish, Swedish or English in their browser's <c>Accept-Language</c> by its q-values, otherwise Finnish. Only the
/// UI culture follows the reader; formatting stays invariant so that APIs answer the same in every language.
/// </summary>
public static class RequestLanguage
{
    /// <summary>The cookie that keeps a chosen language.</summary>
    public const string CookieName = "oh-lang";

    /// <summary>The languages of pages and mails, the first the default.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["fi", "sv", "en"];

    /// <summary>Whether <paramref name="lang"/> is one of <see cref="Supported"/>.</summary>
    public static bool IsSupported(string? lang) => lang is "fi" or "sv" or "en";

    /// <summary>Configures request localization with the chosen language first, then Accept-Language.</summary>
    public static IServiceCollection AddRequestLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, cultures[0]);
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            options.SupportedUICultures = cultures;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(Chosen(http) is { } lang ? new ProviderCultureResult(lang) : null)),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 10 },
            ];
        });
        return services;
    }

    /// <summary>
    /// The reader's language for this request. A <c>?lang=</c> choice is remembered in a cookie for a year.
    /// </summary>
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query["lang"].ToString();
        if (IsSupported(query) && http.Request.Cookies[CookieName] != query && !http.Response.HasStarted && http.Items.TryAdd(CookieName, query))
            http.Response.Cookies.Append(CookieName, query, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(365), Secure = http.Request.IsHttps });
        var ui = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var lang = Chosen(http) ?? ui.TwoLetterISOLanguageName;
        return IsSupported(lang) ? lang : Supported[0];
    }

    private static string? Chosen(HttpContext http)
    {
        var query = http.Request.Query["lang"].ToString();
        if (IsSupported(query)) return query;
        var cookie = http.Request.Cookies[CookieName];
        return IsSupported(cookie) ? cookie : null;
    }
}
