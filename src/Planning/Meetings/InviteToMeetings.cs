using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Planning.Meetings;

/// <summary>
/// <c>Opiskeluhuolto.InviteToMeetings</c>: invites people to one or more meetings (a group meeting, a seminar, the
/// stops of a municipal tour). Each invitee gets the invitation with an .ics calendar entry in their own language a
/// number of calendar days before the meeting (moved to the previous working day), and reminders later; the activity
/// completes with Done once the last meeting has ended.
/// </summary>
public sealed class InviteToMeetings(FinnishBusinessCalendar calendar, PeopleDirectory? directory = null) : Activity
{
    /// <summary>Bookmark name of the meeting timers (scheduled like other timers).</summary>
    public const string TimerName = "Opiskeluhuolto.InviteToMeetings";

    /// <inheritdoc />
    public override IEnumerable<string> TimerBookmarkNames => [TimerName];

    /// <summary>Bookmark name of a meeting's replies (one per meeting, not burned: every invitee may reply, and change their mind).</summary>
    public const string ResponseStimulus = "Opiskeluhuolto.MeetingResponse";

    /// <summary>Reply input keys: the answer (<see cref="Attending"/> or <see cref="NotAttending"/>) and who answered.</summary>
    public const string ResponseKey = "MeetingResponse", ResponseByKey = "MeetingResponseBy";

    /// <summary>Replies.</summary>
    public const string Attending = "Attending", NotAttending = "NotAttending";

    /// <summary>The stimulus payload of a meeting's replies.</summary>
    public static JsonObject ResponsePayload(string meetingId) => new() { ["MeetingId"] = meetingId };

    private const string StateProperty = "Meetings";

    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.InviteToMeetings";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Meetings", "Invites people to meetings with a calendar entry in their language, reminds before each meeting and completes when the last one has ended.",
        displayName: "Invite to meetings",
        outcomes: ["Done"],
        inputs:
        [
            Input("Meetings", "Object", "[{\"id\":…, \"title\":\"…\" or {\"fi\":…, \"sv\":…, \"en\":…}, \"startsAt\":ISO, \"endsAt\":ISO, \"location\":…, \"invitees\":[people or roles], \"inviteDaysBefore\":N, \"reminderDaysBefore\":[…]}]", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Invitees", "Object", "People invited to every meeting (besides each meeting's own invitees): e-mails, person objects or roles such as {\"role\":\"cooperationGroupMember\"}.", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("InviteDaysBefore", "Int32", "Send the invitation this many calendar days before a meeting (on the previous working day when that is not one).", defaultValue: 14),
            Input("ReminderDaysBefore", "List<Int32>", "Reminders this many calendar days before a meeting.", uiHint: "multitext", defaultValue: new JsonArray(3), defaultSyntax: "Object"),
            Input("Rsvp", "Boolean", "Ask each invitee to reply (attending / not attending) through links in the invitation.", defaultValue: true),
            Input("DeputyIfUnconfirmedWorkingDays", "Int32", "Invite the deputy of a member who has not confirmed this many working days before the meeting (a member who declines has the deputy invited at once)."),
            Input("Organizer", "String", "The organiser's e-mail (the coordinator); empty uses the configured sender."),
            Input("OrganizerName", "String", "The organiser's name."),
        ],
        outputs: [Output("Meetings", "Object", "Each meeting with its invitees and when they were invited and reminded.")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var common = await AssigneeReader.ReadAsync(context.Get("Invitees"), directory, "Invite to meetings");
        var defaultInvite = context.Get<int?>("InviteDaysBefore") ?? 14;
        var defaultReminders = context.Get<List<int>>("ReminderDaysBefore") ?? [3];
        var meetings = new List<MeetingState>();
        var items = context.Get("Meetings") switch
        {
            List<object?> list => list.OfType<IDictionary<string, object?>>().ToList(),
            IDictionary<string, object?> one => [one],
            _ => [],
        };
        foreach (var item in items)
        {
            var index = meetings.Count;
            string Required(string name) => AssigneeReader.Member(item, name)?.ToString() is { Length: > 0 } v ? v : throw new InvalidOperationException($"Invite to meetings: meeting {index + 1} has no '{name}'.");
            DateTimeOffset When(string name) => DateTimeOffset.TryParse(Required(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at : throw new InvalidOperationException($"Invite to meetings: meeting {index + 1} has an invalid '{name}' (use ISO 8601 with an offset).");
            var own = await AssigneeReader.ReadAsync(AssigneeReader.Member(item, "invitees"), directory, "Invite to meetings");
            var people = own.Concat(common).DistinctBy(p => p.Member.Email.Trim().ToUpperInvariant()).ToList();
            var invitees = people.Select(p => p.Member).ToList();
            if (invitees.Count == 0) throw new InvalidOperationException($"Invite to meetings: meeting {index + 1} has nobody to invite.");
            var meeting = new MeetingState
            {
                Id = AssigneeReader.Member(item, "id")?.ToString() is { Length: > 0 } id ? id : $"meeting-{index + 1}",
                Title = Titles(AssigneeReader.Member(item, "title")) ?? throw new InvalidOperationException($"Invite to meetings: meeting {index + 1} has no 'title'."),
                StartsAt = When("startsAt"),
                EndsAt = When("endsAt"),
                Location = AssigneeReader.Member(item, "location")?.ToString(),
                Invitees = invitees,
                InviteDaysBefore = Int(AssigneeReader.Member(item, "inviteDaysBefore")) ?? defaultInvite,
                ReminderDaysBefore = (AssigneeReader.Member(item, "reminderDaysBefore") as List<object?>)?.Select(Int).OfType<int>().ToList() ?? defaultReminders,
                Deputies = people.Where(p => p.Deputy is not null && !invitees.Any(i => Same(i.Email, p.Deputy.Email))).ToDictionary(p => Key(p.Member.Email), p => p.Deputy!),
            };
            if (meeting.EndsAt < meeting.StartsAt) throw new InvalidOperationException($"Invite to meetings: meeting {index + 1} ends before it starts.");
            meetings.Add(meeting);
        }

        var state = new MeetingSeriesState
        {
            Meetings = meetings, Organizer = context.Get<string>("Organizer"), OrganizerName = context.Get<string>("OrganizerName"), Rsvp = context.Get<bool?>("Rsvp") ?? true,
        };
        var deputyDays = context.Get<int?>("DeputyIfUnconfirmedWorkingDays");
        var now = context.Workflow.Now;
        foreach (var meeting in meetings)
        {
            // A meeting that has already begun is not invited to (a cycle started late, or a re-planned one).
            if (meeting.StartsAt <= now)
            {
                meeting.Held = meeting.EndsAt <= now;
                if (!meeting.Held) Timer(context, meeting.EndsAt, "Held", meeting.Id, 0);
                continue;
            }

            var inviteAt = calendar.ReminderBefore(meeting.StartsAt, meeting.InviteDaysBefore);
            if (inviteAt <= now) Invite(context, state, meeting);
            else Timer(context, inviteAt, "Invite", meeting.Id, meeting.InviteDaysBefore);
            foreach (var days in meeting.ReminderDaysBefore.Where(d => d < meeting.InviteDaysBefore).Distinct())
                if (calendar.ReminderBefore(meeting.StartsAt, days) is var at && at > now) Timer(context, at, "Reminder", meeting.Id, days);
            if (deputyDays is { } workingDays && meeting.Deputies.Count > 0 && calendar.WorkingDaysBefore(meeting.StartsAt, workingDays) is var check && check > now)
                Timer(context, check, "DeputyCheck", meeting.Id, workingDays);
            Timer(context, meeting.EndsAt, "Held", meeting.Id, 0);
        }

        context.SetProperty(StateProperty, state);
        context.Workflow.Journal(context, "MeetingsScheduled", $"{meetings.Count} meeting(s)", new JsonObject
        {
            ["Meetings"] = new JsonArray(meetings.Select(m => (JsonNode)new JsonObject { ["Id"] = m.Id, ["StartsAt"] = m.StartsAt.ToString("O", CultureInfo.InvariantCulture), ["Invitees"] = m.Invitees.Count }).ToArray()),
        });
        if (meetings.All(m => m.Held)) await CompleteAsync(context, state);
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var state = context.GetProperty<MeetingSeriesState>(StateProperty) ?? throw new InvalidOperationException("Meeting state is missing.");
        var meeting = state.Meetings.FirstOrDefault(m => m.Id == bookmark.Payload?["MeetingId"]?.GetValue<string>());
        if (meeting is not null && bookmark.Name == ResponseStimulus)
        {
            Respond(context, state, meeting);
        }
        else if (meeting is not null)
        {
            switch (bookmark.Payload?["Purpose"]?.GetValue<string>())
            {
                case "DeputyCheck":
                    foreach (var (member, deputy) in meeting.Deputies.Where(d => !meeting.Responses.ContainsKey(d.Key) && !meeting.DeputiesInvited.Contains(d.Key)).ToList())
                        InviteDeputy(context, state, meeting, member, deputy, "unconfirmed");
                    break;
                case "Invite":
                    Invite(context, state, meeting);
                    break;
                case "Reminder" when meeting.InvitedAt is not null:
                    var days = bookmark.Payload?["Days"]?.GetValue<int>() ?? 0;
                    meeting.RemindedAt.Add(context.Workflow.Now);
                    foreach (var person in meeting.Invitees) Mail(context, state, meeting, person, "meeting-reminder", $"reminder-{days}");
                    context.Workflow.Journal(context, "MeetingReminded", $"{meeting.Id}: {meeting.Invitees.Count} reminder(s), {days} days before", new JsonObject { ["MeetingId"] = meeting.Id });
                    break;
                case "Held":
                    meeting.Held = true;
                    context.Workflow.Journal(context, "MeetingHeld", meeting.Id, new JsonObject { ["MeetingId"] = meeting.Id });
                    break;
            }
        }

        context.SetProperty(StateProperty, state);
        return state.Meetings.All(m => m.Held) ? CompleteAsync(context, state) : ValueTask.CompletedTask;
    }

    /// <summary>An invitee replies (through the link in the invitation): recorded, and a member who cannot come has the deputy invited.</summary>
    private static void Respond(ActivityExecutionContext context, MeetingSeriesState state, MeetingState meeting)
    {
        var input = context.Workflow.Input;
        var by = input.GetValueOrDefault(ResponseByKey) as string;
        var answer = input.GetValueOrDefault(ResponseKey) as string;
        var invitee = meeting.Invitees.FirstOrDefault(i => Same(i.Email, by ?? ""));
        if (meeting.Held || invitee is null || answer is not (Attending or NotAttending)) return;
        meeting.Responses[Key(invitee.Email)] = answer;
        context.Workflow.Journal(context, "MeetingResponse", $"{meeting.Id}: {invitee.Email} {answer}", new JsonObject { ["MeetingId"] = meeting.Id, ["By"] = invitee.Email, ["Response"] = answer });
        if (answer == NotAttending && meeting.Deputies.TryGetValue(Key(invitee.Email), out var deputy) && !meeting.DeputiesInvited.Contains(Key(invitee.Email)))
            InviteDeputy(context, state, meeting, Key(invitee.Email), deputy, "declined");
    }

    private static void InviteDeputy(ActivityExecutionContext context, MeetingSeriesState state, MeetingState meeting, string memberKey, ApprovalPerson deputy, string reason)
    {
        meeting.DeputiesInvited.Add(memberKey);
        if (meeting.Invitees.Any(i => Same(i.Email, deputy.Email))) return;
        meeting.Invitees.Add(deputy);
        Mail(context, state, meeting, deputy, "invitation", "invitation-deputy");
        context.Workflow.Journal(context, "MeetingDeputyInvited", $"{meeting.Id}: {deputy.Email} for {memberKey} ({reason})",
            new JsonObject { ["MeetingId"] = meeting.Id, ["Member"] = memberKey, ["Deputy"] = deputy.Email, ["Reason"] = reason });
    }

    private static string Key(string email) => email.Trim().ToLowerInvariant();

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static void Invite(ActivityExecutionContext context, MeetingSeriesState state, MeetingState meeting)
    {
        if (meeting.InvitedAt is not null) return;
        meeting.InvitedAt = context.Workflow.Now;
        if (state.Rsvp) context.CreateBookmark(ResponseStimulus, ResponsePayload(meeting.Id), autoBurn: false);
        foreach (var person in meeting.Invitees) Mail(context, state, meeting, person, "invitation", "invitation");
        context.Workflow.Journal(context, "MeetingInvited", $"{meeting.Id}: {meeting.Invitees.Count} invitation(s)",
            new JsonObject { ["MeetingId"] = meeting.Id, ["Invitees"] = new JsonArray(meeting.Invitees.Select(p => (JsonNode)JsonValue.Create(p.Email)!).ToArray()) });
    }

    private static void Mail(ActivityExecutionContext context, MeetingSeriesState state, MeetingState meeting, ApprovalPerson person, string template, string purpose)
    {
        var key = Approvals.ApprovalMailEffect.RecipientKey(person.Email);
        var title = meeting.Title.GetValueOrDefault(person.Language) ?? meeting.Title.GetValueOrDefault("fi") ?? meeting.Title.Values.First();
        context.Workflow.Effects.Add(new MeetingMailEffect(template, $"{context.Workflow.InstanceId}.{meeting.Id}.{purpose}.{key}@opiskeluhuolto.workflows",
            context.Workflow.InstanceId, meeting.Id, person, title, meeting.StartsAt, meeting.EndsAt, meeting.Location, state.Organizer, state.OrganizerName,
            [.. meeting.Invitees.Select(p => p.Email)])
        { Rsvp = state.Rsvp && template == "invitation", HasDeputy = meeting.Deputies.ContainsKey(Key(person.Email)) && !meeting.DeputiesInvited.Contains(Key(person.Email)) });
    }

    private static ValueTask CompleteAsync(ActivityExecutionContext context, MeetingSeriesState state)
    {
        context.SetOutput("Meetings", state.Meetings.Select(m => (object?)new Dictionary<string, object?>
        {
            ["id"] = m.Id, ["startsAt"] = m.StartsAt, ["invitees"] = m.Invitees.Count, ["invitedAt"] = m.InvitedAt, ["reminders"] = m.RemindedAt.Count,
            ["attending"] = m.Responses.Count(r => r.Value == Attending), ["notAttending"] = m.Responses.Count(r => r.Value == NotAttending),
        }).ToList());
        return context.CompleteAsync(["Done"]);
    }

    private static void Timer(ActivityExecutionContext context, DateTimeOffset at, string purpose, string meetingId, int days) =>
        context.CreateBookmark(TimerName, new JsonObject
        {
            ["ExecuteAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), ["Purpose"] = purpose, ["MeetingId"] = meetingId, ["Days"] = days,
        });

    private static Dictionary<string, string>? Titles(object? value) => value switch
    {
        string s when s.Length > 0 => new() { ["fi"] = s },
        IDictionary<string, object?> d => d.Where(p => p.Value is string { Length: > 0 }).ToDictionary(p => p.Key.ToLowerInvariant(), p => (string)p.Value!) is { Count: > 0 } t ? t : null,
        _ => null,
    };

    private static int? Int(object? value) => value switch { int i => i, long l => (int)l, double d => (int)d, string s when int.TryParse(s, CultureInfo.InvariantCulture, out var i) => i, _ => null };
}
