using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Planning.Calendar;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>What every coordinator page needs: the language, the path base, the form token and the calendar.</summary>
/// <param name="Lang">fi, sv or en.</param>
/// <param name="PathBase">The request's path base (behind a proxy prefix).</param>
/// <param name="SignedIn">Whether a sign-out button is shown.</param>
/// <param name="Tokens">The antiforgery tokens for the page's forms; null on a page without forms.</param>
/// <param name="Calendar">Dates are shown in the calendar's time zone.</param>
public sealed record CoordinatorView(string Lang, string PathBase, bool SignedIn, AntiforgeryTokenSet? Tokens, FinnishBusinessCalendar Calendar)
{
    /// <summary>The text for <paramref name="key"/> in the page's language.</summary>
    public string T(string key) => Texts.Get(Lang, key);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled.</summary>
    public string F(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);

    /// <summary>A local date, e.g. 9.4.2027.</summary>
    public string Date(DateTimeOffset at) => LocalTime.Date(at, Calendar.TimeZone);

    /// <summary>A local date and time, e.g. 9.4.2027 klo 16.00.</summary>
    public string DateTime(DateTimeOffset at) => LocalTime.DateTime(at, Calendar.TimeZone, Lang);

    /// <summary>The local calendar date as an <c>input type=date</c> value.</summary>
    public string InputDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Calendar.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
