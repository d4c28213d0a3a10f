using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opiskeluhuolto.Planning.Cycles.Files;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// The next council term's cycle made from the previous one (DOMAIN phase 10: "copy the previous cycle as a template"):
/// the same region, people and organisations, every phase moved in whole 52-week steps (weekdays kept) so that the
/// first one starts in the new term, and every name carrying the new term — the plan title, the yearly follow-ups'
/// years, the cycle's id. The previous term's approved plan is the new cycle's first document version.
/// </summary>
public static partial class NextTerm
{
    /// <summary>The term after one that ends on <paramref name="previousEnd"/>: four years from the next day.</summary>
    public static (DateOnly Start, DateOnly End, string Label) After(DateOnly previousEnd)
    {
        var start = previousEnd.AddDays(1);
        var end = start.AddYears(4).AddDays(-1);
        return (start, end, $"{start.Year}–{end.Year}");
    }

    /// <summary>Days (whole 52-week steps added to <paramref name="previousShift"/>) that move the file's first phase to <paramref name="termStart"/> or later.</summary>
    public static int Shift(RegionFile file, int previousShift, DateOnly termStart)
    {
        ArgumentNullException.ThrowIfNull(file);
        var first = (file.Phases ?? []).Select(p => PlanDates.Date(p.Start)).OfType<DateOnly>().DefaultIfEmpty(termStart).Min().AddDays(previousShift);
        return previousShift + PlanDates.WeeksToFuture(first, termStart);
    }

    /// <summary>
    /// Renames a cycle planned for the new term: labels, titles and id carry <paramref name="label"/> instead of the
    /// previous ones; each yearly follow-up is named and keyed by the year it now falls in; its meetings follow.
    /// </summary>
    public static void Relabel(JsonObject cycle, string previousLabel, string? previousTerm, string label, JsonObject previous)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(previousLabel);
        string Swap(string text)
        {
            foreach (var old in new[] { previousLabel, previousTerm }.OfType<string>().Where(o => o.Length > 0))
            {
                text = text.Replace(old, label, StringComparison.Ordinal).Replace(old.Replace('–', '-'), label.Replace('–', '-'), StringComparison.Ordinal);
            }

            return text;
        }

        void SwapAll(JsonObject? names)
        {
            foreach (var (language, value) in names?.ToList() ?? [])
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text)) names![language] = Swap(text);
            }
        }

        cycle["id"] = Swap(PlanDates.Text(cycle["id"]) ?? "cycle");
        cycle["label"] = label;
        cycle["term"] = label;
        SwapAll(cycle["title"] as JsonObject);
        cycle["previous"] = previous;

        if (cycle["phases"] is not JsonObject phases) return;
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in phases.ToList())
        {
            if (!key.StartsWith("follow-up-", StringComparison.Ordinal) || node is not JsonObject phase || PlanDates.Date(PlanDates.Text(phase["start"])) is not { } start) continue;
            var year = start.Year.ToString(CultureInfo.InvariantCulture);
            var newKey = $"follow-up-{year}";
            phase["key"] = newKey;
            foreach (var (language, value) in (phase["name"] as JsonObject)?.ToList() ?? [])
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text)) ((JsonObject)phase["name"]!)[language] = Year().Replace(text, year);
            }

            renamed[key] = newKey;
        }

        var ordered = phases.ToList();
        phases.Clear();
        foreach (var (key, node) in ordered) phases[renamed.GetValueOrDefault(key, key)] = node;
        foreach (var meeting in (cycle["meetings"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (PlanDates.Text(meeting["phase"]) is { } phase && renamed.TryGetValue(phase, out var newPhase)) meeting["phase"] = newPhase;
        }

        cycle["followUps"] = new JsonArray([.. phases.Where(p => p.Key.StartsWith("follow-up", StringComparison.Ordinal)).Select(p => p.Value!.DeepClone())]);
    }

    [GeneratedRegex(@"\b20\d\d\b")]
    private static partial Regex Year();
}
