using System.Globalization;
using Opiskeluhuolto.Planning.Cycles;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>
/// The geometry of a cycle's timeline, drawn on the server as SVG: one row per phase (a bar from its start to its
/// deadline, the deadline marked) and per meeting series (a dot per meeting), month and year marks, and today's line.
/// Coordinates are in a 1000-wide view box; the page scales it.
/// </summary>
public sealed class TimelineLayout
{
    /// <summary>View box width.</summary>
    public const double Width = 1000;

    /// <summary>Right edge of the row labels.</summary>
    public const double LabelRight = 250;

    private const double ChartLeft = 262, ChartRight = 985, Header = 38, RowHeight = 26;

    private readonly DateTimeOffset _from, _to;

    /// <summary>A phase row.</summary>
    public sealed record PhaseRow(double Y, string Label, double X1, double X2, string State, DashboardPhase Phase);

    /// <summary>A meeting series row.</summary>
    public sealed record MeetingRow(double Y, string Label, IReadOnlyList<(double X, DashboardMeeting Meeting)> Meetings);

    /// <summary>A month or year mark.</summary>
    public sealed record Mark(double X, string? Label, bool Major);

    /// <summary>Lays out the dashboard's phases and meetings around <paramref name="now"/>.</summary>
    public TimelineLayout(CycleDashboard dashboard, DateTimeOffset now, TimeZoneInfo zone, string meetingsLabel)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(zone);
        var instants = dashboard.Phases.SelectMany(p => new[] { p.Start, p.Deadline }).Concat(dashboard.Meetings.Select(m => m.StartsAt)).Append(now).ToList();
        var first = TimeZoneInfo.ConvertTime(instants.Min(), zone);
        var last = TimeZoneInfo.ConvertTime(instants.Max(), zone);
        // Whole months either side, so the first and last bars do not touch the edges.
        _from = new DateTimeOffset(first.Year, first.Month, 1, 0, 0, 0, first.Offset);
        var end = new DateTime(last.Year, last.Month, 1).AddMonths(1);
        _to = new DateTimeOffset(end, zone.GetUtcOffset(end));
        Now = X(now);
        var y = Header;
        foreach (var phase in dashboard.Phases)
        {
            Phases.Add(new PhaseRow(y, Shorten(phase.Name), X(phase.Start), Math.Max(X(phase.Deadline), X(phase.Start) + 2), phase.State.ToLowerInvariant(), phase));
            y += RowHeight;
        }

        foreach (var series in dashboard.Meetings.GroupBy(m => m.Series))
        {
            var titles = series.Select(m => m.Title).Distinct(StringComparer.Ordinal).ToList();
            var label = titles.Count == 1 ? titles[0] : $"{meetingsLabel} ({series.Count()})";
            Meetings.Add(new MeetingRow(y, Shorten(label), [.. series.OrderBy(m => m.StartsAt).Select(m => (X(m.StartsAt), m))]));
            y += RowHeight;
        }

        Height = y + 8;
        var months = (int)Math.Round((_to - _from).TotalDays / 30.44);
        var step = months <= 18 ? 1 : 3;
        for (var month = new DateTime(_from.Year, _from.Month, 1); month < _to.DateTime; month = month.AddMonths(1))
        {
            var at = new DateTimeOffset(month, zone.GetUtcOffset(month));
            var major = month.Month == 1;
            if (!major && (month.Month - 1) % step != 0) continue;
            var label = major ? month.Year.ToString(CultureInfo.InvariantCulture) : step == 1 ? month.Month.ToString(CultureInfo.InvariantCulture) : null;
            Marks.Add(new Mark(X(at), label, major));
        }
    }

    /// <summary>Phase rows, top down.</summary>
    public List<PhaseRow> Phases { get; } = [];

    /// <summary>Meeting rows below the phases.</summary>
    public List<MeetingRow> Meetings { get; } = [];

    /// <summary>Month and year marks.</summary>
    public List<Mark> Marks { get; } = [];

    /// <summary>Today's x.</summary>
    public double Now { get; }

    /// <summary>View box height.</summary>
    public double Height { get; }

    /// <summary>Top of the rows.</summary>
    public static double Top => Header - 6;

    /// <summary>Bar height.</summary>
    public static double Bar => 14;

    /// <summary>How far along the chart <paramref name="x"/> is (0 at its left edge, 1 at its right), for a smaller drawing.</summary>
    public static double Fraction(double x) => (x - ChartLeft) / (ChartRight - ChartLeft);

    /// <summary>A number as SVG writes it.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private double X(DateTimeOffset at)
    {
        var span = (_to - _from).TotalSeconds;
        var share = span <= 0 ? 0 : Math.Clamp((at - _from).TotalSeconds / span, 0, 1);
        return ChartLeft + (share * (ChartRight - ChartLeft));
    }

    private static string Shorten(string text) => text.Length <= 38 ? text : text[..36].TrimEnd() + "…";
}
