using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles.Files;
using static Opiskeluhuolto.Planning.Cycles.PlanDates;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// Turns a steering-group file (OHL 14 §, demo-data format) into the input of one year of the
/// <c>steering-group-year</c> workflow, and one year into the next. A year holds its meetings with their invitees (the
/// members; the extended network's extra members twice a year), the chair and secretary of each meeting by the working
/// committee's rotation (<c>workingCommittee.rotation.order</c>: the next in turn chairs, the one after keeps the
/// notes, and the turn carries on into the next year), and the year's two tasks with owners: the evaluation report
/// (OHL 14 §: evaluation and reporting) and the survey of staff training needs. The file's later meetings wait in
/// <c>upcoming</c>; a year the file does not cover repeats the previous year's meetings 52 weeks later.
/// </summary>
public sealed class SteeringGroupPlanner(FinnishBusinessCalendar calendar)
{
    /// <summary>Builds the file's first year; <paramref name="shiftDays"/> moves every date first (a past year replayed).</summary>
    public JsonObject Build(JsonObject file, int shiftDays = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        var data = SteeringGroupFile.Read(file);
        var people = (data.People ?? []).Where(p => p.Id is not null).GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.First());
        var organisations = (data.Organisations ?? []).Where(o => o.Id is not null).GroupBy(o => o.Id!).ToDictionary(g => g.Key, g => g.First().NameFi);
        var group = data.SteeringGroup ?? throw new CyclePlanException("steeringGroup", "steering.missing");
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var member in (group.Members ?? []).Concat(data.ExtendedNetwork?.ExtraMembers ?? []))
        {
            if (member.RoleId is { } role) roles[role] = [.. (member.PersonIds ?? []).OfType<string>()];
        }

        JsonObject? Person(string? id)
        {
            if (id is null || !people.TryGetValue(id, out var p) || p.Email is not { } email) return null;
            return new JsonObject
            {
                ["id"] = id, ["email"] = email, ["name"] = $"{p.FirstName} {p.LastName}".Trim(), ["language"] = p.Language is "sv" ? "sv" : "fi",
                ["organisation"] = p.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, ["title"] = p.TitleFi,
            };
        }

        JsonArray Holders(IEnumerable<string> roleIds) =>
            new(roleIds.SelectMany(r => roles.GetValueOrDefault(r) ?? []).Distinct(StringComparer.Ordinal).Select(Person).OfType<JsonNode>().ToArray());

        var meetings = new List<JsonObject>();
        foreach (var meeting in data.Meetings ?? [])
        {
            var id = meeting.Id ?? throw new CyclePlanException("meetings[].id", "meeting.id");
            var invitees = Holders((meeting.InvitedRoleIds ?? []).OfType<string>());
            if (invitees.Count == 0) throw new CyclePlanException($"meetings.{id}.invitedRoleIds", "meeting.noInvitees");
            var startsAt = PlanDates.Shift(calendar, Instant(meeting.StartsAt, $"meetings.{id}.startsAt"), shiftDays);
            var endsAt = PlanDates.Shift(calendar, Instant(meeting.EndsAt, $"meetings.{id}.endsAt"), shiftDays);
            var extended = meeting.Type == "steeringGroupExtended";
            meetings.Add(new JsonObject
            {
                ["id"] = id, ["kind"] = extended ? "extended" : "regular",
                ["title"] = new JsonObject
                {
                    ["fi"] = meeting.TitleFi,
                    ["sv"] = meeting.TitleSv ?? (extended ? "Styrgruppen för multiprofessionellt samarbete för barn och unga" : group.NameSv is { } sv ? $"Möte: {sv}" : meeting.TitleFi),
                    ["en"] = meeting.TitleEn ?? meeting.TitleFi,
                },
                ["startsAt"] = Iso(startsAt), ["endsAt"] = Iso(endsAt),
                ["location"] = meeting.Location?.NameFi,
                ["invitees"] = invitees,
                ["inviteDaysBefore"] = 14,
                ["reminderDaysBefore"] = new JsonArray(3),
            });
        }

        if (meetings.Count == 0) throw new CyclePlanException("meetings", "steering.noMeetings");
        var regularRoles = (group.Members ?? []).Select(m => m.RoleId).OfType<string>().ToList();
        var order = (data.WorkingCommittee?.Rotation?.Order ?? []).Select(Person).OfType<JsonObject>().ToList();
        if (order.Count == 0)
        {
            // No rotation in the file: the working committee's members in the order the file lists them.
            order = [.. Holders((data.WorkingCommittee?.MemberRoleIds ?? []).OfType<string>()).OfType<JsonObject>()];
        }

        if (order.Count < 2) throw new CyclePlanException("workingCommittee.rotation.order", "steering.rotation");
        var firstYear = meetings.Min(m => Year(m));
        // The group meets at least twice a year, twice of them as the extended network (seed 001; the file's meetingRule).
        var first = meetings.Where(m => Year(m) == firstYear).ToList();
        if (first.Count < 2 || first.Count(m => Text(m["kind"]) == "extended") < 2)
            throw new CyclePlanException("meetings", "steering.tooFewMeetings", firstYear);
        var year = new JsonObject
        {
            ["id"] = group.Id ?? data.Dataset?.Id,
            ["dataset"] = data.Dataset?.Id,
            ["name"] = new JsonObject { ["fi"] = group.NameFi, ["sv"] = group.NameSv, ["en"] = group.NameEn },
            ["municipality"] = data.Municipality?.NameFi,
            ["year"] = firstYear,
            ["roster"] = new JsonObject
            {
                ["regular"] = Holders(regularRoles),
                ["extended"] = Holders(regularRoles.Concat((data.ExtendedNetwork?.ExtraMembers ?? []).Select(m => m.RoleId).OfType<string>())),
            },
            ["owners"] = new JsonObject
            {
                ["evaluation"] = Holders(["wellbeing-director"]).FirstOrDefault()?.DeepClone() ?? order[0].DeepClone(),
                ["training"] = Holders(["education-director"]).FirstOrDefault()?.DeepClone() ?? order[0].DeepClone(),
            },
            ["rotation"] = new JsonObject { ["order"] = new JsonArray([.. order]), ["next"] = 0 },
            ["upcoming"] = new JsonArray([.. meetings.Where(m => Year(m) > firstYear).Select(m => m.DeepClone())]),
        };
        return Complete(year, [.. meetings.Where(m => Year(m) == firstYear)]);
    }

    /// <summary>
    /// The year after <paramref name="year"/>: the file's meetings of that year, or this year's meetings 52 weeks later
    /// (weekdays kept, each kind inviting the roster of its kind); the rotation goes on where this year stopped.
    /// </summary>
    public JsonObject Next(JsonObject year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var number = Int(year["year"]) ?? throw new CyclePlanException("year", "steering.year");
        var upcoming = (year["upcoming"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var planned = upcoming.Where(m => Year(m) == number + 1).Select(m => m.DeepClone().AsObject()).ToList();
        if (planned.Count == 0)
        {
            planned = [.. (year["meetings"] as JsonArray ?? []).OfType<JsonObject>().Select(m =>
            {
                var copy = m.DeepClone().AsObject();
                var startsAt = PlanDates.Shift(calendar, Instant(Text(m["startsAt"]), "meetings.startsAt"), 364);
                copy["id"] = $"{BaseId(Text(m["id"]) ?? "meeting")}-{number + 1}";
                copy["startsAt"] = Iso(startsAt);
                copy["endsAt"] = Iso(PlanDates.Shift(calendar, Instant(Text(m["endsAt"]), "meetings.endsAt"), 364));
                copy["invitees"] = year["roster"]?[Text(m["kind"]) == "extended" ? "extended" : "regular"]?.DeepClone() ?? copy["invitees"]?.DeepClone();
                return copy;
            })];
        }

        var next = year.DeepClone().AsObject();
        next["year"] = number + 1;
        next["rotation"]!["next"] = (Int(year["rotation"]?["next"]) ?? 0) + (year["meetings"] as JsonArray)?.Count ?? 0;
        next["upcoming"] = new JsonArray([.. upcoming.Where(m => Year(m) > number + 1).Select(m => m.DeepClone())]);
        return Complete(next, planned);
    }

    /// <summary>The year's meetings with chair, secretary and preparation dates by the rotation, and its tasks.</summary>
    private JsonObject Complete(JsonObject year, List<JsonObject> meetings)
    {
        var order = (year["rotation"]?["order"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var turn = Int(year["rotation"]?["next"]) ?? 0;
        meetings = [.. meetings.OrderBy(m => Text(m["startsAt"]), StringComparer.Ordinal)];
        foreach (var meeting in meetings)
        {
            var startsAt = Instant(Text(meeting["startsAt"]), "meetings.startsAt");
            meeting["chair"] = order[turn % order.Count].DeepClone();
            meeting["secretary"] = order[(turn + 1) % order.Count].DeepClone();
            meeting["prepareAt"] = Iso(calendar.At(calendar.PreviousWorkingDay(calendar.LocalDate(startsAt).AddDays(-14))));
            meeting["agendaDue"] = Iso(calendar.At(calendar.PreviousWorkingDay(calendar.LocalDate(startsAt).AddDays(-7)), CyclePlanner.DeadlineHour));
            turn++;
        }

        year["meetings"] = new JsonArray([.. meetings]);
        // The evaluation is reported at the year's last meeting, the training needs at its first autumn meeting (or its last).
        var last = meetings[^1];
        var autumn = meetings.FirstOrDefault(m => calendar.LocalDate(Instant(Text(m["startsAt"]), "meetings.startsAt")).Month >= 8) ?? last;
        year["tasks"] = new JsonArray(
            Task("evaluation", year["owners"]?["evaluation"], last, 6,
                ("Vuoden arviointiraportti ohjausryhmälle", "Årets utvärderingsrapport till styrgruppen", "The year's evaluation report for the steering group")),
            Task("training", year["owners"]?["training"], autumn, 4,
                ("Henkilöstön koulutustarpeiden kartoitus", "Kartläggning av personalens utbildningsbehov", "Survey of staff training needs")));
        return year;
    }

    private JsonObject Task(string key, JsonNode? owner, JsonObject meeting, int weeks, (string Fi, string Sv, string En) title)
    {
        var meetingDay = calendar.LocalDate(Instant(Text(meeting["startsAt"]), "meetings.startsAt"));
        var due = calendar.PreviousWorkingDay(meetingDay.AddDays(-14));
        return new JsonObject
        {
            ["key"] = key, ["owner"] = owner?.DeepClone(), ["meeting"] = meeting["id"]?.DeepClone(),
            ["title"] = new JsonObject { ["fi"] = title.Fi, ["sv"] = title.Sv, ["en"] = title.En },
            ["start"] = Iso(calendar.At(calendar.NextWorkingDay(due.AddDays(-7 * weeks)))),
            ["dueAt"] = Iso(calendar.At(due, CyclePlanner.DeadlineHour)),
        };
    }

    /// <summary>A whole number however the JSON holds it (a year read back from an instance is a long).</summary>
    internal static int? Int(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<int>(out var i) ? i : v.TryGetValue<long>(out var l) ? (int)l : v.TryGetValue<double>(out var d) ? (int)d : null
        : null;

    private int Year(JsonObject meeting) => calendar.LocalDate(Instant(Text(meeting["startsAt"]), "meetings.startsAt")).Year;

    /// <summary>A meeting id without the year a generated copy added (<c>mtg-sg-2025-02-05-2027</c> → <c>mtg-sg-2025-02-05</c>).</summary>
    private static string BaseId(string id) =>
        id.Length > 5 && id[^5] == '-' && int.TryParse(id[^4..], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? id[..^5] : id;

    /// <summary>Whole 52-week steps that move the file's first meeting to <paramref name="notBefore"/> or later.</summary>
    public static int ShiftToFuture(JsonObject file, DateOnly notBefore)
    {
        ArgumentNullException.ThrowIfNull(file);
        var first = (SteeringGroupFile.Read(file).Meetings ?? []).Select(m => Date(m.Date)).OfType<DateOnly>().Select(d => d.AddDays(-21)).DefaultIfEmpty(notBefore).Min();
        return WeeksToFuture(first, notBefore);
    }
}
