using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Host.Approvals;
using Opiskeluhuolto.Host.Meetings;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Planning.Meetings;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>A planned mail as its first recipient would get it, rendered by the real mail handlers from the planned cycle.</summary>
public sealed record MailPreviewResult(string Subject, string Html, string Text, string? Ics, string Recipient, string Language, ScheduledItem Item);

/// <summary>
/// Renders one mail of a cycle's preview before the cycle starts: the request or reminder of a phase (to the first person
/// its audience reaches) or a meeting's invitation or reminder (to its first invitee), in the language asked for, with the
/// same templates and handlers as the real mail. Links in a preview lead nowhere; nothing is sent or stored.
/// </summary>
public static class MailPreview
{
    /// <summary>The preview of <paramref name="item"/>, or null when it sends no mail.</summary>
    public static MailPreviewResult? Render(JsonObject cycle, ScheduledItem item, string language, ApprovalMailHandler approvals, MeetingMailHandler meetings)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(meetings);
        var planTitle = CyclePlanner.InLanguage(cycle["title"], language);
        switch (item.Kind)
        {
            case "PhaseStart" or "Reminder" when CyclePlanner.TryTask(item.Phase, out var task) && PhaseOf(cycle, item.Phase) is { } phase:
                {
                    var person = task.Audience switch
                    {
                        "members" => (cycle["members"] as JsonArray)?.FirstOrDefault() as JsonObject,
                        "providers" => (cycle["providers"] as JsonArray)?.FirstOrDefault() as JsonObject,
                        "consultees" => ((cycle["consultees"] ?? cycle["providers"]) as JsonArray)?.FirstOrDefault() as JsonObject,
                        _ => cycle["coordinator"] as JsonObject,
                    };
                    if (person is null) return null;
                    var recipient = Person(person, language);
                    var name = CyclePlanner.InLanguage(phase["name"], language) ?? item.Title;
                    var due = DateTimeOffset.Parse(phase["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    var template = task.Kind.ToLowerInvariant() + (item.Kind == "Reminder" ? "-reminder" : "-request");
                    var effect = new ApprovalMailEffect(template, "preview", "preview", "preview", recipient, planTitle is null ? name : $"{name}: {planTitle}", null,
                        cycle["planUrl"]?.GetValue<string>() is { Length: > 0 } url ? [url] : [], due, recipient.Organisation)
                    { RequestKind = task.Kind };
                    var mail = approvals.Render(effect, preview: true);
                    return new MailPreviewResult(mail.Subject, mail.Body, mail.Text, null, recipient.Email, language, item);
                }

            case "Invitation" or "MeetingReminder":
                {
                    var meeting = (cycle["meetings"] as JsonArray ?? []).OfType<JsonObject>()
                        .FirstOrDefault(m => m["phase"]?.GetValue<string>() == item.Phase && DateTimeOffset.Parse(m["startsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) > item.At
                            && (CyclePlanner.InLanguage(m["title"], "fi") == item.Title || CyclePlanner.InLanguage(m["title"], "sv") == item.Title || CyclePlanner.InLanguage(m["title"], "en") == item.Title));
                    if (meeting?["invitees"] is not JsonArray { Count: > 0 } invitees || invitees[0] is not JsonObject first) return null;
                    var recipient = Person(first, language);
                    var effect = new MeetingMailEffect(item.Kind == "Invitation" ? "invitation" : "meeting-reminder", "preview", "preview", meeting["id"]?.GetValue<string>() ?? "preview", recipient,
                        CyclePlanner.InLanguage(meeting["title"], language) ?? item.Title,
                        DateTimeOffset.Parse(meeting["startsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeOffset.Parse(meeting["endsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        meeting["location"]?.GetValue<string>(), null, null, [.. invitees.OfType<JsonObject>().Select(p => p["email"]!.GetValue<string>())])
                    { Rsvp = true };
                    var (mail, ics) = meetings.Render(effect, preview: true);
                    return new MailPreviewResult(mail.Subject, mail.Body, mail.Text, ics, recipient.Email, language, item);
                }

            default:
                return null;
        }
    }

    private static JsonObject? PhaseOf(JsonObject cycle, string key) => cycle["phases"] is JsonObject phases ? phases[key] as JsonObject : null;

    private static ApprovalPerson Person(JsonObject person, string language) => new()
    {
        Email = person["email"]?.GetValue<string>() ?? "",
        Name = person["name"]?.GetValue<string>(),
        Language = language,
        Organisation = person["organisation"]?.GetValue<string>(),
    };
}
