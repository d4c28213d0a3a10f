using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles.Files;
using static Opiskeluhuolto.Planning.Cycles.PlanDates;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// Turns a region file (demo-data format, <c>../shared/demo-data/README.md</c>) into the input of the
/// <c>council-term-cycle</c> workflow, and previews every mail and deadline that input will produce on the Finnish
/// business calendar: phases open at the reminder hour of their start date, deadlines fall at 16.00 on the next
/// working day, reminders are calendar days before and move to the previous working day, meeting invitations go out
/// the largest reminder offset before the meeting. The workflows read the same input with the same calendar, so the
/// preview is what will happen.
/// </summary>
public sealed class CyclePlanner(FinnishBusinessCalendar calendar)
{
    /// <summary>Local hour of phase deadlines.</summary>
    public const int DeadlineHour = 16;

    /// <summary>Education-provider organisation categories that are asked for inputs and statements.</summary>
    public static IReadOnlySet<string> ProviderCategories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "municipalEducation", "upperSecondaryInstitution", "stateInstitution", "privateInstitution", "stateOrPrivateInstitution",
    };

    /// <summary>
    /// Builds the cycle input; <paramref name="overrides"/> may move phase dates (<c>{"consultation": {"deadline": "2023-10-27"}}</c>);
    /// <paramref name="shiftDays"/> moves every date of the file (phases and meetings) by whole days first — a past cycle replayed in the future.
    /// </summary>
    public JsonObject Build(JsonObject region, JsonObject? overrides = null, string? planUrl = null, int shiftDays = 0, JsonObject? consultation = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        var file = RegionFile.Read(region);
        var people = (file.People ?? []).Where(p => p.Id is not null).GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.First());
        var organisations = (file.Organisations ?? []).Where(o => o.Id is not null).GroupBy(o => o.Id!).ToDictionary(g => g.Key, g => g.First());
        var group = file.CooperationGroup;
        var seats = group?.Seats ?? [];
        RegionOrganisation? OrganisationOf(RegionPerson p) => p.OrganisationId is { } o && organisations.TryGetValue(o, out var org) ? org : null;

        JsonObject? Person(string? id, bool withDeputy = false, string? deputyId = null)
        {
            if (id is null || !people.TryGetValue(id, out var p) || p.Email is not { } email) return null;
            var person = new JsonObject
            {
                ["id"] = id, ["email"] = email, ["name"] = $"{p.FirstName} {p.LastName}".Trim(),
                ["language"] = p.Language is "sv" ? "sv" : "fi", ["organisation"] = OrganisationOf(p)?.NameFi, ["title"] = p.TitleFi,
            };
            if (withDeputy && Person(deputyId) is { } deputy) person["deputy"] = deputy;
            return person;
        }

        var members = new JsonArray(seats.Select(s => Person(s.MemberPersonId, true, s.DeputyPersonId)).OfType<JsonNode>().ToArray());
        var deputies = seats.Select(s => Person(s.DeputyPersonId)).OfType<JsonObject>().ToList();
        string? Category(RegionPerson p) => OrganisationOf(p)?.Category;
        string? Municipality(RegionPerson p) => OrganisationOf(p)?.MunicipalityId;
        // Each provider's contact carries the organisation's member in the group: who hears when the provider stays silent
        // where the phase's rule says so (onSilence.escalateToRole = cooperationGroupMember).
        var seatOf = seats.Where(s => s.OrganisationId is not null && s.MemberPersonId is not null).GroupBy(s => s.OrganisationId!).ToDictionary(g => g.Key, g => g.First().MemberPersonId!);
        var providers = people.Values.Where(p => Category(p) is { } c && ProviderCategories.Contains(c))
            .GroupBy(p => p.OrganisationId).Select(g =>
            {
                var contact = Person(g.First().Id);
                if (contact is not null && g.Key is { } org && seatOf.TryGetValue(org, out var memberId) && Person(memberId)?["email"] is { } member && memberId != g.First().Id)
                    contact["escalateTo"] = member.DeepClone();
                return contact;
            }).OfType<JsonNode>().ToArray();
        var coordinatorId = group?.SecretaryPersonId ?? group?.ChairPersonId;

        // The consultation asks the providers and, unless the coordinator leaves them out, the youth council, the parents'
        // associations and the staff — all represented in the group by law (OHL 14 a §): their seats' members, or a contact
        // of such an organisation when it has no seat.
        var consultees = new JsonArray([.. providers.Select(p => p!.DeepClone())]);
        var asked = new HashSet<string>(providers.Select(p => Text(p!["email"])!), StringComparer.OrdinalIgnoreCase);
        foreach (var (option, categories) in ConsultationGroups)
        {
            if (consultation?[option] is JsonValue on && on.TryGetValue<bool>(out var include) && !include) continue;
            var seated = seats.Where(s => s.Category is { } c && categories.Contains(c)).Select(s => Person(s.MemberPersonId)).OfType<JsonObject>().ToList();
            if (seated.Count == 0)
                seated = [.. people.Values.Where(p => Category(p) is { } c && categories.Contains(c)).GroupBy(p => p.OrganisationId).Select(g => Person(g.First().Id)).OfType<JsonObject>()];
            foreach (var person in seated.Where(p => asked.Add(Text(p["email"])!))) consultees.Add(person);
        }

        var phases = new JsonObject();
        var meetings = new JsonArray();
        var allMeetings = file.Meetings ?? [];
        var tourStops = allMeetings.Count(m => m.Type == "municipalTourMeeting");
        foreach (var phase in (file.Phases ?? []).OrderBy(p => p.Order ?? 0))
        {
            var key = phase.Key ?? throw new CyclePlanException("phases[].key", "phase.key");
            var change = overrides?[key] as JsonObject;
            var start = Text(change?["start"]) is { } s ? Date(s, $"phases.{key}.start") : Date(phase.Start, $"phases.{key}.start").AddDays(shiftDays);
            // Drafting builds on the strategy seminar where the region holds one: it does not open before the seminar is over.
            if (key == "drafting" && SeminarEnd(file, shiftDays) is { } seminarEnd && seminarEnd >= start) start = calendar.NextWorkingDay(seminarEnd.AddDays(1));
            var fileDeadline = Date(phase.Deadline, $"phases.{key}.deadline").AddDays(shiftDays);
            var deadline = Text(change?["deadline"]) is { } d ? Date(d, $"phases.{key}.deadline") : fileDeadline;
            if (deadline < start) throw new CyclePlanException($"phases.{key}.deadline", "phase.deadlineBeforeStart", deadline.ToString("d.M.yyyy", CultureInfo.InvariantCulture), start.ToString("d.M.yyyy", CultureInfo.InvariantCulture));
            var reminders = (change?["reminderDaysBefore"] is JsonArray r ? r.Select(x => (int?)x).OfType<int>() : phase.ReminderDaysBefore ?? [])
                .Where(d => d > 0).Distinct().OrderDescending().ToList();
            phases[key] = new JsonObject
            {
                ["key"] = key,
                ["name"] = new JsonObject { ["fi"] = phase.NameFi ?? key, ["sv"] = phase.NameSv ?? phase.NameFi ?? key, ["en"] = phase.NameEn ?? key },
                ["start"] = Iso(calendar.At(start)),
                ["deadline"] = Iso(calendar.At(calendar.NextWorkingDay(deadline), DeadlineHour)),
                ["reminderDaysBefore"] = new JsonArray(reminders.Select(d => (JsonNode)d).ToArray()),
                ["responsibleRole"] = phase.ResponsibleRole,
                ["onSilence"] = phase.OnSilence?.Action,
                ["escalateToRole"] = phase.OnSilence?.EscalateToRole,
            };
            if (key == "county-decision")
                ((JsonObject)phases[key]!)["bodies"] = CountyDecisionPlan.Build(calendar, phase, deadline, shiftDays, deadline.DayNumber - fileDeadline.DayNumber);
            foreach (var meeting in allMeetings.Where(m => m.PhaseId == phase.Id))
            {
                var invited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var invitees = new JsonArray();
                var municipalities = (meeting.InvitedMunicipalityIds ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal);
                void Add(JsonObject? person)
                {
                    if (person is not null && invited.Add(Text(person["email"])!)) invitees.Add(person);
                }

                foreach (var invitedGroup in (meeting.InvitedGroups ?? []).OfType<string>())
                {
                    foreach (var person in Audience(invitedGroup)) Add(person);
                }

                IEnumerable<JsonObject?> Audience(string name) => name switch
                {
                    "cooperationGroupMembers" => seats.Select(seat => Person(seat.MemberPersonId, true, seat.DeputyPersonId)),
                    "cooperationGroupDeputies" => deputies,
                    "countyStudentWelfareManagement" or "studentWelfareSupervisors" => people.Values.Where(p => Category(p) == "county" && Management(p)).Select(p => Person(p.Id)),
                    "studentWelfareStaff" => people.Values.Where(p => Category(p) == "county" && !Management(p)).Select(p => Person(p.Id)),
                    "municipalEducationLeadership" or "municipalEducationRepresentatives" or "basicEducationActors" =>
                        people.Values.Where(p => Category(p) == "municipalEducation" && (municipalities.Count == 0 || municipalities.Contains(Municipality(p) ?? ""))).Select(p => Person(p.Id)),
                    "schoolRepresentatives" => people.Values.Where(p => Category(p) is { } c && c != "municipalEducation" && ProviderCategories.Contains(c) && municipalities.Contains(Municipality(p) ?? "")).Select(p => Person(p.Id)),
                    "upperSecondaryProviders" => people.Values.Where(p => Category(p) == "upperSecondaryInstitution").Select(p => Person(p.Id)),
                    "otherEducationProviders" => people.Values.Where(p => Category(p) is { } c && c != "municipalEducation" && ProviderCategories.Contains(c)).Select(p => Person(p.Id)),
                    _ => [],
                };

                if (invitees.Count == 0) continue;
                var startsAt = PlanDates.Shift(calendar, Instant(meeting.StartsAt, $"meetings.{meeting.Id}.startsAt"), shiftDays);
                var endsAt = PlanDates.Shift(calendar, Instant(meeting.EndsAt, $"meetings.{meeting.Id}.endsAt"), shiftDays);
                meetings.Add(new JsonObject
                {
                    ["id"] = meeting.Id, ["phase"] = key,
                    ["title"] = new JsonObject { ["fi"] = meeting.TitleFi, ["sv"] = meeting.TitleSv ?? SwedishTitle(meeting, tourStops) ?? meeting.TitleFi, ["en"] = meeting.TitleEn ?? meeting.TitleFi },
                    ["startsAt"] = Iso(startsAt), ["endsAt"] = Iso(endsAt),
                    ["location"] = meeting.Location?.NameFi,
                    ["invitees"] = invitees,
                    ["inviteDaysBefore"] = reminders.Count > 0 ? reminders[0] : 14,
                    ["reminderDaysBefore"] = new JsonArray(reminders.Skip(1).Select(d => (JsonNode)d).ToArray()),
                });
            }
        }

        var follow = phases.Where(p => p.Key.StartsWith("follow-up", StringComparison.Ordinal)).Select(p => (JsonNode)p.Value!.DeepClone()).ToArray();
        return new JsonObject
        {
            ["id"] = file.PlanCycle?.Id ?? file.Dataset?.Id,
            ["dataset"] = file.Dataset?.Id,
            ["label"] = file.PlanCycle?.Label,
            ["term"] = file.CouncilTerm?.Label,
            ["region"] = new JsonObject { ["fi"] = file.Region?.NameFi, ["sv"] = file.Region?.NameSv, ["en"] = file.Region?.NameEn },
            ["title"] = new JsonObject { ["fi"] = file.PlanCycle?.PlanTitleFi, ["sv"] = file.PlanCycle?.PlanTitleSv, ["en"] = file.PlanCycle?.PlanTitleEn },
            ["planUrl"] = planUrl,
            ["shiftDays"] = shiftDays,
            ["coordinator"] = Person(coordinatorId) ?? throw new CyclePlanException("cooperationGroup.secretaryPersonId", "coordinator.missing"),
            ["chair"] = Person(group?.ChairPersonId) ?? throw new CyclePlanException("cooperationGroup.chairPersonId", "chair.missing"),
            // Who attaches the approved plan to the county's welfare plan: the coordinator unless the cycle names another.
            ["welfarePlanOwner"] = Person(coordinatorId),
            ["members"] = members,
            ["providers"] = new JsonArray(providers),
            ["consultees"] = consultees,
            ["phases"] = phases,
            ["meetings"] = meetings,
            ["followUps"] = new JsonArray(follow),
        };
    }

    /// <summary>Every deadline and mail the cycle input will produce, in time order; names in <paramref name="language"/> where the cycle has them.</summary>
    public IReadOnlyList<ScheduledItem> Preview(JsonObject cycle, string language = "fi")
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var items = new List<ScheduledItem>();
        var providers = (cycle["providers"] as JsonArray)?.Count ?? 0;
        var members = (cycle["members"] as JsonArray)?.Count ?? 0;
        var consultees = (cycle["consultees"] as JsonArray)?.Count ?? providers;
        foreach (var (key, node) in cycle["phases"] as JsonObject ?? [])
        {
            if (node is not JsonObject phase) continue;
            var name = InLanguage(phase["name"], language) ?? key;
            var recipients = TryTask(key, out var t) ? t.Audience switch { "providers" => providers, "consultees" => consultees, "members" => members, _ => 1 } : 0;
            var start = Instant(Text(phase["start"]), key);
            var deadline = Instant(Text(phase["deadline"]), key);
            items.Add(new ScheduledItem(start, "PhaseStart", key, name, recipients));
            items.Add(new ScheduledItem(deadline, "Deadline", key, name, 0));
            if (phase["bodies"] is JsonArray bodies)
            {
                items.AddRange(CountyDecisionItems(bodies, key, name, language, start));
                continue;
            }

            if (recipients == 0) continue;
            foreach (var days in (phase["reminderDaysBefore"] as JsonArray ?? []).Select(x => (int?)x).OfType<int>())
            {
                var at = calendar.ReminderBefore(deadline, days);
                if (at > start) items.Add(new ScheduledItem(at, "Reminder", key, name, recipients));
            }
        }

        foreach (var meeting in (cycle["meetings"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var startsAt = Instant(Text(meeting["startsAt"]), "meeting");
            var title = InLanguage(meeting["title"], language) ?? Text(meeting["id"]) ?? "";
            var count = (meeting["invitees"] as JsonArray)?.Count ?? 0;
            var phase = Text(meeting["phase"]) ?? "";
            items.Add(new ScheduledItem(calendar.ReminderBefore(startsAt, (int?)meeting["inviteDaysBefore"] ?? 14), "Invitation", phase, title, count));
            foreach (var days in (meeting["reminderDaysBefore"] as JsonArray ?? []).Select(x => (int?)x).OfType<int>())
                items.Add(new ScheduledItem(calendar.ReminderBefore(startsAt, days), "MeetingReminder", phase, title, count));
            items.Add(new ScheduledItem(startsAt, "Meeting", phase, title, 0));
        }

        return [.. items.Select(i => i with { At = TimeZoneInfo.ConvertTime(i.At, calendar.TimeZone), Warning = CalendarWarnings.Of(i, calendar) })
            .OrderBy(i => i.At).ThenBy(i => i.Kind, StringComparer.Ordinal)];
    }

    /// <summary>Each county body's agenda deadline, its meeting and the coordinator's reminders to have the documents on the agenda.</summary>
    private IEnumerable<ScheduledItem> CountyDecisionItems(JsonArray bodies, string key, string phaseName, string language, DateTimeOffset start)
    {
        foreach (var body in bodies.OfType<JsonObject>())
        {
            var title = $"{InLanguage(body["name"], language)}: {phaseName}";
            var recordBy = Instant(Text(body["recordBy"]), key);
            yield return new ScheduledItem(Instant(Text(body["agendaDeadline"]), key), "AgendaDeadline", key, title, 0);
            yield return new ScheduledItem(Instant(Text(body["meetingAt"]), key), "DecisionMeeting", key, title, 0);
            foreach (var days in (body["reminderDaysBefore"] as JsonArray ?? []).Select(x => (int?)x).OfType<int>())
            {
                var at = calendar.ReminderBefore(recordBy, days);
                if (at > start) yield return new ScheduledItem(at, "Reminder", key, title, 1);
            }
        }
    }

    /// <summary>The text of a {fi, sv, en} object in <paramref name="language"/>, else the Finnish one; a plain string as it is.</summary>
    public static string? InLanguage(JsonNode? names, string language) => names switch
    {
        JsonObject o => Text(o[language]) ?? Text(o["fi"]),
        JsonValue => Text(names),
        _ => null,
    };

    /// <summary>The name of a cycle (its plan title) or of a steering-group year (the group's name) in <paramref name="language"/>; null when it has none.</summary>
    public static string? CycleName(JsonObject cycle, string language) => InLanguage(cycle["title"], language) ?? InLanguage(cycle["name"], language);

    /// <summary>What phase <paramref name="key"/> asks and of whom; every yearly follow-up (<c>follow-up-YYYY</c>) asks the same.</summary>
    public static bool TryTask(string key, out (string Audience, string Kind, string Title) task)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PhaseTasks.TryGetValue(key.StartsWith("follow-up-", StringComparison.Ordinal) ? "follow-up-2024" : key, out task);
    }

    /// <summary>What each phase asks and of whom (the workflows in <c>workflows-json/</c> do the same).</summary>
    public static IReadOnlyDictionary<string, (string Audience, string Kind, string Title)> PhaseTasks { get; } = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
    {
        ["nominations"] = ("coordinator", "Task", "jäsenten ja varajäsenten nimeäminen"),
        ["inputs"] = ("providers", "Task", "opiskeluhuoltosuunnitelman ja palvelutarpeen toimittaminen"),
        ["drafting"] = ("coordinator", "Task", "suunnitelmaluonnos"),
        ["consultation"] = ("consultees", "Statement", "lausunto suunnitelmaluonnoksesta"),
        ["group-approval"] = ("members", "Approval", "yhteistyöryhmän esitys"),
        ["county-decision"] = ("coordinator", "Task", "päätöksen kirjaaminen"),
        ["align-local-plans"] = ("providers", "Task", "paikallisen suunnitelman tarkistaminen"),
        ["follow-up-2024"] = ("providers", "Statement", "seuranta-arviointi"),
        ["follow-up-2025"] = ("providers", "Statement", "seuranta-arviointi"),
        ["restart"] = ("coordinator", "Task", "seuraavan valtuustokauden käynnistäminen"),
    };

    /// <summary>The day the region's strategy seminar ends (the last meeting of a <c>seminar</c> phase), moved by <paramref name="shiftDays"/>; null when it has none.</summary>
    private DateOnly? SeminarEnd(RegionFile file, int shiftDays)
    {
        var seminar = (file.Phases ?? []).FirstOrDefault(p => p.Key == "seminar")?.Id;
        if (seminar is null) return null;
        var ends = (file.Meetings ?? []).Where(m => m.PhaseId == seminar).Select(m => PlanDates.Date(m.EndsAt ?? m.StartsAt)).OfType<DateOnly>().ToList();
        return ends.Count == 0 ? null : ends.Max().AddDays(shiftDays);
    }

    /// <summary>Who else is consulted, by option: the organisation or seat categories that answer for them.</summary>
    public static IReadOnlyList<(string Option, IReadOnlySet<string> Categories)> ConsultationGroups { get; } =
    [
        ("youthCouncil", new HashSet<string>(StringComparer.Ordinal) { "youthCouncil" }),
        ("parents", new HashSet<string>(StringComparer.Ordinal) { "parentsAssociation" }),
        ("staff", new HashSet<string>(StringComparer.Ordinal) { "staff", "studentWelfareStaff" }),
    ];

    /// <summary>A Swedish title by meeting type when the file has none (the demo files are Finnish only).</summary>
    private static string? SwedishTitle(RegionMeeting meeting, int tourStops) => meeting.Type switch
    {
        "cooperationGroup" => "Möte för den regionala samarbetsgruppen för elevhälsan",
        "strategySeminar" => "Strategiseminarium om den regionala elevhälsoplanen",
        "municipalTourMeeting" => meeting.TourStop is { } stop ? $"Kommunturné om elevhälsan {stop}/{tourStops}" : "Kommunturné om elevhälsan",
        "remoteJointMeeting" => "Gemensamt distansmöte om elevhälsan",
        _ => null,
    };

    private static bool Management(RegionPerson person) =>
        person.TitleEn is { } title && (title.Contains("Director", StringComparison.OrdinalIgnoreCase) || title.Contains("Manager", StringComparison.OrdinalIgnoreCase) || title.Contains("Lead", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whole weeks (52 per year) that move a file's first phase to <paramref name="notBefore"/> or later, keeping weekdays; 0 when it is not in the past.</summary>
    public static int ShiftToFuture(JsonObject region, DateOnly notBefore)
    {
        ArgumentNullException.ThrowIfNull(region);
        var first = (RegionFile.Read(region).Phases ?? []).Select(p => PlanDates.Date(p.Start)).OfType<DateOnly>().DefaultIfEmpty(notBefore).Min();
        return WeeksToFuture(first, notBefore);
    }

    private static DateOnly Date(string? text, string field) =>
        PlanDates.Date(text) is { } date ? date : throw new CyclePlanException(field, "date.format", text);
}
