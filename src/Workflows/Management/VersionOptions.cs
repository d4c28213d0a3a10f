using System.Globalization;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Elsa's version filter: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a number.</summary>
public readonly record struct VersionOptions(string Kind, int? Version = null)
{
    /// <summary>The latest version.</summary>
    public static VersionOptions Latest { get; } = new("Latest");

    /// <summary>The published version.</summary>
    public static VersionOptions Published { get; } = new("Published");

    /// <summary>Published if any, else latest.</summary>
    public static VersionOptions LatestOrPublished { get; } = new("LatestOrPublished");

    /// <summary>All versions.</summary>
    public static VersionOptions AllVersions { get; } = new("AllVersions");

    /// <summary>Parses; empty means no filter (all versions). Returns false for unknown text.</summary>
    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = AllVersions;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            options = new VersionOptions("Specific", n);
            return n > 0;
        }

        foreach (var kind in new[] { "Latest", "Published", "LatestOrPublished", "LatestAndPublished", "Draft", "AllVersions" })
        {
            if (string.Equals(kind, text, StringComparison.OrdinalIgnoreCase))
            {
                options = new VersionOptions(kind);
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a version matches.</summary>
    public bool Matches(bool isLatest, bool isPublished, int version) => Kind switch
    {
        "Latest" => isLatest,
        "Published" => isPublished,
        "LatestOrPublished" => isLatest || isPublished,
        "LatestAndPublished" => isLatest && isPublished,
        "Draft" => !isPublished,
        "Specific" => version == Version,
        _ => true,
    };

    /// <inheritdoc />
    public override string ToString() => Kind == "Specific" ? Version!.Value.ToString(CultureInfo.InvariantCulture) : Kind;
}
