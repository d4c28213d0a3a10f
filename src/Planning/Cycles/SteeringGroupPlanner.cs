using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles.Files;
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

        var meetings = new JsonArray();
        foreach (var meeting in data.Meetings ?? [])
        {
            var id = meeting.Id ?? throw new CyclePlanException("meetings[].id", "meeting.id");
            var invitees = new JsonArray((meeting.InvitedRoleIds ?? []).OfType<string>()
                .SelectMany(r => roles.GetValueOrDefault(r) ?? []).Distinct(StringComparer.Ordinal).Select(Person).OfType<JsonNode>().ToArray());
            if (invitees.Count == 0) throw new CyclePlanException($"meetings.{id}.invitedRoleIds", "meeting.noInvitees");
            var startsAt = PlanDates.Shift(calendar, Instant(meeting.StartsAt, $"meetings.{id}.startsAt"), shiftDays);
            var endsAt = PlanDates.Shift(calendar, Instant(meeting.EndsAt, $"meetings.{id}.endsAt"), shiftDays);
            var prep = meeting.WorkingCommitteePrepMeeting?.Date is { } p && DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var prepDate)
                ? prepDate.AddDays(shiftDays) : calendar.LocalDate(startsAt).AddDays(-14);
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
                ["chair"] = Person(meeting.ChairPersonId),
                ["secretary"] = Person(meeting.SecretaryPersonId),
                ["prepareAt"] = Iso(calendar.At(calendar.PreviousWorkingDay(prep))),
                ["agendaDue"] = Iso(calendar.At(calendar.PreviousWorkingDay(calendar.LocalDate(startsAt).AddDays(-7)), CyclePlanner.DeadlineHour)),
            });
        }

        return new JsonObject
        {
            ["id"] = group.Id ?? data.Dataset?.Id,
            ["dataset"] = data.Dataset?.Id,
            ["name"] = new JsonObject { ["fi"] = group.NameFi, ["sv"] = group.NameSv, ["en"] = group.NameEn },
            ["municipality"] = data.Municipality?.NameFi,
            ["meetings"] = meetings,
        };
    }

    /// <summary>Whole 52-week steps that move the file's first meeting to <paramref name="notBefore"/> or later.</summary>
    public static int ShiftToFuture(JsonObject file, DateOnly notBefore)
    {
        ArgumentNullException.ThrowIfNull(file);
        var first = (SteeringGroupFile.Read(file).Meetings ?? []).Select(m => Date(m.Date)).OfType<DateOnly>().Select(d => d.AddDays(-21)).DefaultIfEmpty(notBefore).Min();
        return WeeksToFuture(first, notBefore);
    }
}
