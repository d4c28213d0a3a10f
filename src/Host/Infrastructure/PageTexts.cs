using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// The .resx texts of a page in a given language. A participant's page is written in the language of their link, not
/// of the browser that happens to open it, so the language is named instead of taken from the request's culture.
/// </summary>
public sealed class PageTexts(IStringLocalizerFactory factory)
{
    private static readonly IStringLocalizerFactory Resources = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
    private static readonly ConcurrentDictionary<(Type Resource, string Lang), IReadOnlyDictionary<string, string>> Tables = new();

    /// <summary>The texts of <typeparamref name="TResource"/> in <paramref name="lang"/> (fi, sv or en).</summary>
    public IStringLocalizer For<TResource>(string lang) => new InLanguage(factory.Create(typeof(TResource)), Culture(lang));

    /// <summary>
    /// Every text of <typeparamref name="TResource"/> in <paramref name="lang"/>, Finnish where a translation is missing,
    /// read once from the .resx through the same localizer (for handlers that pick texts by computed keys).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Table<TResource>(string lang) =>
        Tables.GetOrAdd((typeof(TResource), Culture(lang).Name), key =>
        {
            var table = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in new InLanguage(Resources.Create(key.Resource), CultureInfo.GetCultureInfo(key.Lang)).GetAllStrings(includeParentCultures: true))
                table.TryAdd(text.Name, text.Value);
            return table;
        });

    private static CultureInfo Culture(string lang) => CultureInfo.GetCultureInfo(RequestLanguage.IsSupported(lang) ? lang : RequestLanguage.Supported[0]);

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
