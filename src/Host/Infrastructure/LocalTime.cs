using System.Globalization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Dates and times as pages show them, in a local zone: 9.4.2027, 9.4.2027 klo 16.00 (kl. in Swedish, at in English).</summary>
internal static class LocalTime
{
    /// <summary>The local date of <paramref name="at"/>.</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    /// <summary>The local date and time of <paramref name="at"/> in <paramref name="language"/>.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone, string language)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} {(language == "en" ? "at" : language == "sv" ? "kl." : "klo")} {local.ToString("H.mm", CultureInfo.InvariantCulture)}";
    }
}
