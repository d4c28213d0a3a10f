using System.Globalization;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.Cycles.Records;

/// <summary>One field a person fills in when a request records something (<c>Record</c> input of a request).</summary>
/// <param name="Name">Form and record field name.</param>
/// <param name="Type"><c>url</c>, <c>date</c> (today or earlier), <c>nextDate</c> (after today), <c>text</c>, <c>longText</c> or <c>attendance</c> (one choice per attendee: member, deputy or absent, comma-separated).</param>
/// <param name="Required">Whether it must be given.</param>
/// <param name="MaxLength">Longest text accepted.</param>
public sealed record RecordField(string Name, string Type, bool Required, int MaxLength);

/// <summary>A field that did not pass, with the reason (<c>required</c>, <c>url</c>, <c>date</c>, <c>future</c>, <c>past</c>, <c>tooLong</c>, <c>attendance</c>).</summary>
public sealed record RecordFieldError(string Field, string Reason);

/// <summary>
/// What each kind of record asks: a plan document (its link), a county body's decision (date, minutes section,
/// case number, link to the minutes), the plan's attachment to the county welfare plan (where it is attached and its
/// public address).
/// </summary>
public static class CycleRecordKinds
{
    /// <summary>Record kinds.</summary>
    public const string Document = "Document", Decision = "Decision", Attachment = "Attachment", Minutes = "Minutes", Revision = "Revision", Meeting = "Meeting", Report = "Report";

    /// <summary>Every kind a request may record.</summary>
    public static IReadOnlyList<string> All { get; } = [Document, Decision, Attachment, Minutes, Revision, Meeting, Report];

    /// <summary>The attendance choices of one seat at a meeting.</summary>
    public static IReadOnlyList<string> AttendanceChoices { get; } = ["member", "deputy", "absent"];

    /// <summary>The kind a record is kept as with the cycle: a revision is a new version of the document.</summary>
    public static string KeptAs(string kind) => kind == Revision ? Document : kind;

    /// <summary>The fields of <paramref name="kind"/>; empty for an unknown kind.</summary>
    public static IReadOnlyList<RecordField> FieldsOf(string? kind) => kind switch
    {
        Document => [new("documentUrl", "url", true, 2000)],
        Decision => [new("meetingDate", "date", true, 10), new("section", "text", true, 20), new("caseNumber", "text", true, 60), new("minutesUrl", "url", false, 2000)],
        Attachment => [new("attachmentUrl", "url", true, 2000), new("publicUrl", "url", true, 2000)],
        Minutes => [new("meetingDate", "date", true, 10), new("attendance", "attendance", true, 2000), new("dissent", "longText", false, 4000), new("minutesUrl", "url", false, 2000)],
        Revision => [new("documentUrl", "url", true, 2000), new("nextMeeting", "nextDate", true, 10)],
        Meeting => [new("nextMeeting", "nextDate", true, 10)],
        Report => [new("reportUrl", "url", true, 2000)],
        _ => [],
    };

    /// <summary>The kind's canonical name, or null when it is not one.</summary>
    public static string? Normalize(string? kind) => All.FirstOrDefault(k => string.Equals(k, kind?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Checks the values given for a record of <paramref name="kind"/>: the record's fields (trimmed; empty optional fields
    /// left out) or the first field that did not pass. A decision's date may not be after <paramref name="today"/>.
    /// </summary>
    public static (JsonObject? Record, RecordFieldError? Error) Read(string? kind, Func<string, string?> value, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new JsonObject();
        foreach (var field in FieldsOf(kind))
        {
            var text = value(field.Name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (field.Required) return (null, new(field.Name, "required"));
                continue;
            }

            if (text.Length > field.MaxLength) return (null, new(field.Name, "tooLong"));
            switch (field.Type)
            {
                case "url" when !IsWebAddress(text):
                    return (null, new(field.Name, "url"));
                case "date" when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    return (null, new(field.Name, "date"));
                case "date" when DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) > today:
                    return (null, new(field.Name, "future"));
                case "nextDate" when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var next):
                    return (null, new(field.Name, "date"));
                case "nextDate" when DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) <= today:
                    return (null, new(field.Name, "past"));
                case "attendance" when text.Split(',').Any(c => !AttendanceChoices.Contains(c.Trim())):
                    return (null, new(field.Name, "attendance"));
            }

            record[field.Name] = text;
        }

        return (record, null);
    }

    /// <summary>An absolute http or https address.</summary>
    public static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host);
}
