using System.Globalization;
using System.Resources;

namespace Opiskeluhuolto.Planning.Texts;

/// <summary>
/// What the planning module says when it refuses something (<c>ProblemTexts*.resx</c>): Finnish, Swedish and English
/// by code. The API answers in English, as it always has; the coordinator's pages in the reader's language.
/// </summary>
public static class ProblemTexts
{
    private static readonly ResourceManager Resources = new(typeof(ProblemTexts).FullName!, typeof(ProblemTexts).Assembly);

    /// <summary>The text of <paramref name="code"/> in <paramref name="language"/> (fi, sv or en; Finnish otherwise) with its placeholders filled.</summary>
    public static string Format(string code, string language, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var culture = CultureInfo.GetCultureInfo(language is "sv" or "en" ? language : "fi");
        var text = Resources.GetString(code, culture) ?? throw new ArgumentException($"Unknown problem text '{code}'.", nameof(code));
        return string.Format(CultureInfo.InvariantCulture, text, [.. args]);
    }
}
