using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// The .resx texts of a page in a given language. A participant's page is written in the language of their link, not
/// of the browser that happens to open it, so the language is named instead of taken from the request's culture.
/// </summary>
public sealed class PageTexts(IStringLocalizerFactory factory)
{
    /// <summary>The texts of <typeparamref name="TResource"/> in <paramref name="lang"/> (fi, sv or en).</summary>
    public IStringLocalizer For<TResource>(string lang) =>
        new InLanguage(factory.Create(typeof(TResource)), CultureInfo.GetCultureInfo(RequestLanguage.IsSupported(lang) ? lang : RequestLanguage.Supported[0]));

    private sealed class InLanguage(IStringLocalizer inner, CultureInfo culture) : IStringLocalizer
    {
        public LocalizedString this[string name] => In(() => inner[name]);

        public LocalizedString this[string name, params object[] arguments] => In(() => inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => In(() => inner.GetAllStrings(includeParentCultures).ToList());

        private T In<T>(Func<T> read)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                return read();
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
