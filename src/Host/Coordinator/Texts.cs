using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>The coordinator workspace's texts (<c>CoordinatorTexts*.resx</c>) by key.</summary>
internal static class Texts
{
    /// <summary>The text for <paramref name="key"/> in <paramref name="lang"/> (Finnish where untranslated); the part after the dot for an unknown value (<c>status.X</c> → X).</summary>
    public static string Get(string lang, string key) =>
        PageTexts.Table<CoordinatorTexts>(lang).TryGetValue(key, out var text) ? text : key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
