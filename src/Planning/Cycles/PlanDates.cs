using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>Reading and moving the dates of a demo-data file.</summary>
internal static class PlanDates
{
    /// <summary>The same local wall-clock time <paramref name="days"/> later (the offset follows summer time).</summary>
    public static DateTimeOffset Shift(FinnishBusinessCalendar calendar, DateTimeOffset at, int days)
    {
        if (days == 0) return at;
        var local = TimeZoneInfo.ConvertTime(at, calendar.TimeZone).DateTime.AddDays(days);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }

    /// <summary>Whole 52-week steps (weekdays kept) that move <paramref name="first"/> to <paramref name="notBefore"/> or later.</summary>
    public static int WeeksToFuture(DateOnly first, DateOnly notBefore)
    {
        var days = 0;
        while (first.AddDays(days) < notBefore) days += 364;
        return days;
    }

    /// <summary>A date <c>yyyy-MM-dd</c> (a longer ISO text is cut to its date); null when it is not one.</summary>
    public static DateOnly? Date(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>ISO 8601 with the offset, to the second.</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 time with an offset, or a <see cref="CyclePlanException"/> naming <paramref name="field"/>.</summary>
    public static DateTimeOffset Instant(string? text, string field) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : throw new CyclePlanException(field, "time.format", text);

    /// <summary>A non-blank string value, trimmed.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
