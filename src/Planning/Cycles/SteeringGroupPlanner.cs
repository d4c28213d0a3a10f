using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;
using static Opiskeluhuolto.Planning.Cycles.PlanDates;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// Turns a steering-group file (OHL 14 §, demo-data format) into the input of the <c>steering-group-year</c> workflow:
/// each meeting with its invitees (the members, and for the extended network meetings the extra members too), the
/// chair and secretary of that meeting from the working committee's rotation, and the working committee's agenda
/// preparation date.
/// </summary>
public sealed class SteeringGroupPlanner(FinnishBusinessCalendar calendar)
{
    /// <summary>Builds the input; <paramref name="shiftDays"/> moves every date first (a past year replayed).</summary>
    public JsonObject Build(JsonObject file, int shiftDays = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        var people = (file["people"] as JsonArray ?? []).OfType<JsonObject>().Where(p => Text(p["id"]) is not null).GroupBy(p => Text(p["id"])!).ToDictionary(g => g.Key, g => g.First());
        var organisations = (file["organisations"] as JsonArray ?? []).OfType<JsonObject>().Where(o => Text(o["id"]) is not null).GroupBy(o => Text(o["id"])!).ToDictionary(g => g.Key, g => Text(g.First()["nameFi"]));
        var group = file["steeringGroup"] as JsonObject ?? throw new CyclePlanException("steeringGroup", "The file has no steeringGroup.");
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var member in (group["members"] as JsonArray ?? []).Concat(file["extendedNetwork"]?["extraMembers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(member["roleId"]) is { } role) roles[role] = [.. (member["personIds"] as JsonArray ?? []).Select(Text).OfType<string>()];
        }

        JsonObject? Person(string? id)
        {
            if (id is null || !people.TryGetValue(id, out var p) || Text(p["email"]) is not { } email) return null;
            return new JsonObject
            {
                ["id"] = id, ["email"] = email, ["name"] = $"{Text(p["firstName"])} {Text(p["lastName"])}".Trim(), ["language"] = Text(p["language"]) is "sv" ? "sv" : "fi",
                ["organisation"] = Text(p["organisationId"]) is { } o ? organisations.GetValueOrDefault(o) : null, ["title"] = Text(p["titleFi"]),
            };
        }

        var meetings = new JsonArray();
        foreach (var meeting in (file["meetings"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = Text(meeting["id"]) ?? throw new CyclePlanException("meetings[].id", "Every meeting needs an id.");
            var invitees = new JsonArray((meeting["invitedRoleIds"] as JsonArray ?? []).Select(Text).OfType<string>()
                .SelectMany(r => roles.GetValueOrDefault(r) ?? []).Distinct(StringComparer.Ordinal).Select(Person).OfType<JsonNode>().ToArray());
            if (invitees.Count == 0) throw new CyclePlanException($"meetings.{id}.invitedRoleIds", "Nobody with an e-mail address holds the invited roles.");
            var startsAt = PlanDates.Shift(calendar, Instant(Text(meeting["startsAt"]), $"meetings.{id}.startsAt"), shiftDays);
            var endsAt = PlanDates.Shift(calendar, Instant(Text(meeting["endsAt"]), $"meetings.{id}.endsAt"), shiftDays);
            var prep = Text(meeting["workingCommitteePrepMeeting"]?["date"]) is { } p && DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var prepDate)
                ? prepDate.AddDays(shiftDays) : calendar.LocalDate(startsAt).AddDays(-14);
            var extended = Text(meeting["type"]) == "steeringGroupExtended";
            meetings.Add(new JsonObject
            {
                ["id"] = id, ["kind"] = extended ? "extended" : "regular",
                ["title"] = new JsonObject
                {
                    ["fi"] = Text(meeting["titleFi"]),
                    ["sv"] = Text(meeting["titleSv"]) ?? (extended ? "Styrgruppen för multiprofessionellt samarbete för barn och unga" : Text(group["nameSv"]) is { } sv ? $"Möte: {sv}" : Text(meeting["titleFi"])),
                    ["en"] = Text(meeting["titleEn"]) ?? Text(meeting["titleFi"]),
                },
                ["startsAt"] = Iso(startsAt), ["endsAt"] = Iso(endsAt),
                ["location"] = Text(meeting["location"]?["nameFi"]),
                ["invitees"] = invitees,
                ["inviteDaysBefore"] = 14,
                ["reminderDaysBefore"] = new JsonArray(3),
                ["chair"] = Person(Text(meeting["chairPersonId"])),
                ["secretary"] = Person(Text(meeting["secretaryPersonId"])),
                ["prepareAt"] = Iso(calendar.At(calendar.PreviousWorkingDay(prep))),
                ["agendaDue"] = Iso(calendar.At(calendar.PreviousWorkingDay(calendar.LocalDate(startsAt).AddDays(-7)), CyclePlanner.DeadlineHour)),
            });
        }

        return new JsonObject
        {
            ["id"] = Text(group["id"]) ?? Text(file["dataset"]?["id"]),
            ["dataset"] = Text(file["dataset"]?["id"]),
            ["name"] = new JsonObject { ["fi"] = Text(group["nameFi"]), ["sv"] = Text(group["nameSv"]), ["en"] = Text(group["nameEn"]) },
            ["municipality"] = Text(file["municipality"]?["nameFi"]),
            ["meetings"] = meetings,
        };
    }

    /// <summary>Whole 52-week steps that move the file's first meeting to <paramref name="notBefore"/> or later.</summary>
    public static int ShiftToFuture(JsonObject file, DateOnly notBefore)
    {
        ArgumentNullException.ThrowIfNull(file);
        var first = (file["meetings"] as JsonArray ?? []).OfType<JsonObject>().Select(m => Date(Text(m["date"]))).OfType<DateOnly>().Select(d => d.AddDays(-21)).DefaultIfEmpty(notBefore).Min();
        return WeeksToFuture(first, notBefore);
    }
}
