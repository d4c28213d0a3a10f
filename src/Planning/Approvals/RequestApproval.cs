using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// <c>Opiskeluhuolto.RequestApproval</c>: asks people for a decision by e-mail (signed approve / request changes / reject
/// links), reminds them on working days before the due date, asks a member's deputy when the member stays silent,
/// escalates on silence, and completes with Approved, Rejected, ChangesRequested or TimedOut once the quorum is decided.
/// The same machinery asks for a statement (<c>Kind = Statement</c>: submitted or none) or a task to confirm
/// (<c>Kind = Task</c>); those complete with Done once the quorum has answered.
/// </summary>
public sealed partial class RequestApproval(FinnishBusinessCalendar calendar, PeopleDirectory? directory = null, Cycles.Records.CycleRecordStore? records = null) : Activity
{
    /// <summary>Bookmark name of the approval's timers (scheduled like other timers).</summary>
    public const string TimerName = "Opiskeluhuolto.RequestApproval";

    /// <inheritdoc />
    public override IEnumerable<string> TimerBookmarkNames => [TimerName];

    /// <summary>Bookmark name of a seat's decision.</summary>
    public const string DecisionStimulus = "Opiskeluhuolto.ApprovalDecision";

    /// <summary>Resume input keys.</summary>
    public const string DecisionKey = "ApprovalDecision", CommentKey = "ApprovalComment", ByKey = "ApprovalBy", ViaKey = "ApprovalVia", RecordKey = "ApprovalRecord";

    /// <summary>Bookmark name of the coordinator's controls on a running request (remind now, move the deadline).</summary>
    public const string ControlStimulus = "Opiskeluhuolto.ApprovalControl";

    /// <summary>Control input keys: the action (<see cref="RemindAction"/> or <see cref="ExtendAction"/>) and the new due time.</summary>
    public const string ActionKey = "ApprovalAction", DueAtKey = "ApprovalDueAt";

    /// <summary>Control actions.</summary>
    public const string RemindAction = "Remind", ExtendAction = "Extend", AddPersonAction = "AddPerson", ReplacePersonAction = "ReplacePerson";

    /// <summary>Control input keys of the person to add (<c>{"email", "name", "language", "organisation"}</c>) and of the seat replaced.</summary>
    public const string PersonKey = "ApprovalPerson", SeatKey = "ApprovalSeat";

    /// <summary>The stimulus payload of a request's controls (the activity instance id identifies the request).</summary>
    public static JsonObject ControlPayload(string requestId) => new() { ["RequestId"] = requestId };

    private const string StateProperty = "Approval";

    /// <summary>The action a member takes to hand the seat to their deputy (not a decision: the seat stays open).</summary>
    public const string DelegateAction = "Delegate";

    /// <summary>The decisions a person can make on an approval.</summary>
    public static IReadOnlyList<string> Decisions { get; } = ["Approved", "Rejected", "ChangesRequested"];

    /// <summary>The kinds of request: a decision, a statement (lausunto) or a task to confirm as done.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["Approval", "Statement", "Task"];

    /// <summary>The answers a person can give to a request of <paramref name="kind"/>, in the order they are offered.</summary>
    public static IReadOnlyList<string> DecisionsFor(string? kind) => kind switch
    {
        "Statement" => ["Submitted", "NoStatement"],
        "Task" => ["Done"],
        _ => ["Approved", "ChangesRequested", "Rejected"],
    };

    /// <summary>
    /// The answers offered on a request of <paramref name="kind"/> that records <paramref name="record"/>: recording a
    /// body's decision offers what the body decided (approved, returned for changes, rejected).
    /// </summary>
    public static IReadOnlyList<string> DecisionsFor(string? kind, string? record) =>
        record is Cycles.Records.CycleRecordKinds.Decision or Cycles.Records.CycleRecordKinds.Minutes ? ["Approved", "ChangesRequested", "Rejected"] : DecisionsFor(kind);

    /// <summary>What a request does when its due time passes with answers missing.</summary>
    public const string TimeOut = "TimeOut", EscalateAndWait = "EscalateAndWait";

    /// <summary>Every answer of every kind.</summary>
    public static IReadOnlyList<string> AllDecisions { get; } = [.. Kinds.SelectMany(DecisionsFor).Distinct()];

    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.RequestApproval";

    /// <summary>The stimulus payload of a seat's decision.</summary>
    public static JsonObject Stimulus(string seatId) => new() { ["SeatId"] = seatId };

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Approvals", "Asks people to approve by e-mail link, reminds on working days, asks deputies and escalates on silence.",
        displayName: "Request approval",
        outcomes: ["Approved", "Rejected", "ChangesRequested", "Done", "TimedOut", "NotQuorate"],
        inputs:
        [
            Input("Kind", "String", "Approval: approve / request changes / reject (outcomes Approved, ChangesRequested, Rejected). Statement: submit a statement or say there is none. Task: confirm as done. Statement and Task end with Done once the quorum has answered.", defaultValue: "Approval", options: ["Approval", "Statement", "Task"]),
            Input("Title", "String", "What is being approved (shown in the mail and on the decision page)."),
            Input("TitleSv", "String", "The title in Swedish, for Swedish-speaking recipients (empty: the title above)."),
            Input("TitleEn", "String", "The title in English, for English-speaking recipients (empty: the title above)."),
            Input("Description", "String", "Details for the approvers. Never student data.", uiHint: "multiline"),
            Input("DescriptionSv", "String", "The details in Swedish (empty: the details above).", uiHint: "multiline"),
            Input("DescriptionEn", "String", "The details in English (empty: the details above).", uiHint: "multiline"),
            Input("Documents", "List<String>", "Links to the documents being approved.", uiHint: "multitext", defaultSyntax: "Object"),
            Input("Assignees", "Object", "People: [{\"email\":…, \"name\":…, \"language\":\"fi|sv|en\", \"deputy\":{…}}], or roles from the people directory: {\"role\":\"cooperationGroupMember\"} or \"role:chair\".", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Levels", "Object", "Optional sequential chain, asked one after another: [{\"name\":…, \"assignees\":[…], \"quorum\":\"All|Any|Majority|Count\", \"requiredApprovals\":N}]. Replaces Assignees and Quorum.", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Quorum", "String", "How many approvals are needed.", defaultValue: "All", options: ["All", "Any", "Majority", "Count"]),
            Input("RequiredApprovals", "Int32", "With quorum Count: the number of approvals needed."),
            Input("DueAt", "DateTimeOffset", "Absolute due date; empty uses Due in working days.", uiHint: "datetime-picker"),
            Input("DueInWorkingDays", "Int32", "Due this many working days from now (16:00 Helsinki time).", defaultValue: 10),
            Input("ReminderWorkingDays", "List<Int32>", "Reminders this many working days before the due date, at the reminder hour.", uiHint: "multitext", defaultValue: new JsonArray(7, 2), defaultSyntax: "Object"),
            Input("ReminderDaysBefore", "List<Int32>", "Reminders this many calendar days before the due date; one on a non-working day is sent the working day before. Replaces the working-day reminders when given.", uiHint: "multitext", defaultSyntax: "Object"),
            Input("DeputyAfterWorkingDays", "Int32", "Ask the deputy of a silent member this many working days before the due date."),
            Input("EscalateTo", "String", "E-mail of the person told when answers are missing at the due date (in their language when the people directory knows them); several separated by commas."),
            Input("EscalateToOwnContacts", "Boolean", "At the due date, also tell each silent person's own contact (their escalateTo: for a provider, its member in the cooperation group) about them.", defaultValue: JsonValue.Create(false), defaultSyntax: "Literal"),
            Input("OnSilence", "String", "At the due date with answers missing: TimeOut ends the request (outcome TimedOut); EscalateAndWait tells the escalation contacts and keeps waiting, telling them again every RepeatWorkingDays.", defaultValue: TimeOut, options: [TimeOut, EscalateAndWait]),
            Input("RepeatWorkingDays", "Int32", "With EscalateAndWait: working days between escalations.", defaultValue: 5),
            Input("Record", "String", "What the answer records: Document (the link to a new version of the plan), Decision (a county body's decision: date, section, case number, minutes; the answer is the body's decision), Attachment (where the plan is attached in the welfare plan, its public address). Empty: nothing but the answer.", options: ["", .. Cycles.Records.CycleRecordKinds.All]),
            Input("RecordDetails", "Object", "Fixed fields added to what is recorded, e.g. {\"body\": \"council\"}.", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Advisory", "Boolean", "The answers are advance views for a meeting: recorded and shown to the coordinator, they never decide; the request ends with Done at its due time (the meeting).", defaultValue: JsonValue.Create(false), defaultSyntax: "Literal"),
            Input("WarnWorkingDaysBefore", "Int32", "This many working days before the due time, if fewer than half have answered, the warning contacts hear who has not."),
            Input("WarnTo", "String", "E-mail(s) of the warning contacts, separated by commas."),
            Input("Attendees", "Object", "With Record = Minutes: the seats whose attendance the minutes record (people with their deputies, as in Assignees).", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Chair", "String", "With Record = Minutes: the chair's e-mail; a meeting is quorate when more than half of the seats are present, the chair's included (outcome NotQuorate otherwise)."),
            Input("LinkCycleDocument", "Boolean", "Link the cycle's current plan document (the latest version supplied) before the documents above.", defaultValue: JsonValue.Create(false), defaultSyntax: "Literal"),
            Input("NotifyOutcome", "Boolean", "Tell everyone who was asked how the request closed and what their own recorded answer was.", defaultValue: JsonValue.Create(true), defaultSyntax: "Literal"),
        ],
        outputs: [Output("Decisions", "Object", "Every decision with its comment.")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var now = context.Workflow.Now;
        var (seats, levels) = await ReadLevelsAsync(context.Get("Levels"), context.Workflow.Services);
        if (levels.Count == 0) seats = await ReadAssigneesAsync(context.Get("Assignees"), context.Workflow.Services, level: 0);
        if (seats.Count == 0) throw new InvalidOperationException("Request approval needs at least one assignee with an e-mail address.");
        var due = context.Get<DateTimeOffset?>("DueAt") ?? calendar.At(calendar.AddWorkingDays(calendar.LocalDate(now), context.Get<int?>("DueInWorkingDays") ?? 10), 16);
        var kind = context.Get<string>("Kind") is { } k && Kinds.Contains(k) ? k : "Approval";
        var record = Cycles.Records.CycleRecordKinds.Normalize(context.Get<string>("Record"));
        var documents = context.Get<List<string>>("Documents") ?? [];
        if (context.Get<bool?>("LinkCycleDocument") == true && await CurrentDocumentAsync(context) is { } latest)
            documents = [latest.Url, .. documents.Where(d => d != latest.Url)];
        var state = new ApprovalState { DueAt = due, Seats = seats, Levels = levels, Kind = kind, Record = record, Documents = documents, Advisory = context.Get<bool?>("Advisory") == true };
        if (record == Cycles.Records.CycleRecordKinds.Minutes)
        {
            state.Attendees = [.. (await AssigneeReader.ReadAsync(context.Get("Attendees"), directory, "Request approval")).Select(p => new MeetingSeat { Member = p.Member, Deputy = p.Deputy })];
            if (state.Attendees.Count == 0) throw new InvalidOperationException("Request approval: minutes need the meeting's seats (Attendees).");
            state.Chair = context.Get<string>("Chair");
        }

        AskLevel(context, state);
        ArmTimers(context, state);
        context.SetProperty(StateProperty, state);
        context.JournalData["DueAt"] = due.ToString("O", CultureInfo.InvariantCulture);
        context.Workflow.Journal(context, "ApprovalRequested", $"{seats.Count} approver(s), due {due:O}",
            new JsonObject { ["Approvers"] = new JsonArray(seats.Select(s => (JsonNode)JsonValue.Create(s.Member.Email)!).ToArray()), ["DueAt"] = due.ToString("O", CultureInfo.InvariantCulture) });
    }

    /// <summary>Reminder, deputy and due timers for the current due date (reminders already sent are not repeated), and the control bookmark.</summary>
    private void ArmTimers(ActivityExecutionContext context, ApprovalState state)
    {
        var due = state.DueAt;
        if (context.Get<List<int>>("ReminderDaysBefore") is { Count: > 0 } calendarDays)
        {
            foreach (var days in calendarDays.Distinct().Where(d => !state.RemindersSent.Contains(d))) Timer(context, calendar.ReminderBefore(due, days), "Reminder", days);
        }
        else
        {
            foreach (var days in (context.Get<List<int>>("ReminderWorkingDays") ?? [7, 2]).Where(d => !state.RemindersSent.Contains(d))) Timer(context, calendar.WorkingDaysBefore(due, days), "Reminder", days);
        }

        if (context.Get<int?>("WarnWorkingDaysBefore") is { } warnDays && !state.Warned) Timer(context, calendar.WorkingDaysBefore(due, warnDays), "Warn", warnDays);
        if (context.Get<int?>("DeputyAfterWorkingDays") is { } deputyDays && state.ActiveSeats.Any(s => s.Deputy is not null && !s.DeputyAsked))
            Timer(context, calendar.WorkingDaysBefore(due, deputyDays), "Deputy", deputyDays);
        Timer(context, due, "Due", 0);
        context.CreateBookmark(ControlStimulus, ControlPayload(context.Id));
    }

    /// <summary>Replaces every wait of the request: the open seats' decisions, the timers for the current due date and the controls.</summary>
    private void Rearm(ActivityExecutionContext context, ApprovalState state)
    {
        context.ClearBookmarks();
        foreach (var seat in state.ActiveSeats.Where(s => s.Decision is null)) context.CreateBookmark(DecisionStimulus, Stimulus(seat.SeatId));
        ArmTimers(context, state);
    }

    /// <inheritdoc />
    public override ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var state = context.GetProperty<ApprovalState>(StateProperty) ?? throw new InvalidOperationException("Approval state is missing.");
        ValueTask result = bookmark.Name switch
        {
            DecisionStimulus => OnDecisionAsync(context, state, bookmark),
            ControlStimulus => OnControlAsync(context, state),
            _ => OnTimerAsync(context, state, bookmark),
        };
        return result;
    }

    private async ValueTask OnDecisionAsync(ActivityExecutionContext context, ApprovalState state, Bookmark bookmark)
    {
        var seatId = bookmark.Payload?["SeatId"]?.GetValue<string>();
        var seat = state.Seats.FirstOrDefault(s => s.SeatId == seatId);
        var input = context.Workflow.Input;
        var decision = DecisionsFor(state.Kind, state.Record).FirstOrDefault(d => string.Equals(d, input.GetValueOrDefault(DecisionKey) as string, StringComparison.OrdinalIgnoreCase));
        var by = input.GetValueOrDefault(ByKey) as string;
        if (seat is not null && seat.Decision is null && string.Equals(input.GetValueOrDefault(DecisionKey) as string, DelegateAction, StringComparison.OrdinalIgnoreCase))
        {
            Delegate(context, state, seat, by);
            return;
        }

        var recorded = state.Record is null ? null : ReadRecord(context, state, input.GetValueOrDefault(RecordKey));
        if (seat is null || seat.Decision is not null || decision is null || (state.Record is not null && recorded is null))
        {
            // Not an answer (nothing to record, or an unknown one): the seat keeps waiting for one.
            if (seat is { Decision: null, Removed: false }) context.CreateBookmark(DecisionStimulus, Stimulus(seat.SeatId));
            context.SetProperty(StateProperty, state);
            return;
        }

        seat.Decision = decision;
        seat.Record = recorded;
        seat.Comment = input.GetValueOrDefault(CommentKey) as string;
        seat.DecidedBy = by ?? seat.Member.Email;
        seat.DecidedByDeputy = seat.Deputy is not null && string.Equals(by, seat.Deputy.Email, StringComparison.OrdinalIgnoreCase);
        seat.DecidedAt = context.Workflow.Now;
        context.Workflow.Journal(context, "ApprovalDecided", $"{seat.DecidedBy}: {decision}", new JsonObject
        {
            ["Seat"] = seat.Member.Email, ["By"] = seat.DecidedBy, ["Deputy"] = seat.DecidedByDeputy, ["Decision"] = decision,
            ["Comment"] = seat.Comment, ["Via"] = input.GetValueOrDefault(ViaKey) as string, ["Record"] = seat.Record?.DeepClone(),
        });
        if (seat.Record is not null) await KeepRecordAsync(context, state, seat, decision);
        context.SetProperty(StateProperty, state);
        var outcome = Evaluate(context, state);
        if (outcome is "Approved" or "Done" && state.CurrentLevel < state.Levels.Count - 1)
        {
            context.Workflow.Journal(context, "ApprovalLevelApproved", $"{LevelName(state)} approved; asking the next level");
            state.CurrentLevel++;
            AskLevel(context, state);
            context.SetProperty(StateProperty, state);
            return;
        }

        if (outcome is not null) await CompleteAsync(context, state, outcome);
    }

    /// <summary>The member hands the seat to the deputy: the deputy is asked now; either of them may still answer.</summary>
    private static void Delegate(ActivityExecutionContext context, ApprovalState state, ApprovalSeat seat, string? by)
    {
        context.CreateBookmark(DecisionStimulus, Stimulus(seat.SeatId));
        if (seat.Deputy is not null && !seat.DeputyAsked && !string.Equals(by, seat.Deputy.Email, StringComparison.OrdinalIgnoreCase))
        {
            seat.DeputyAsked = true;
            Mail(context, state, seat, seat.Deputy, "deputy");
            context.Workflow.Journal(context, "ApprovalDelegated", $"{seat.Member.Email} → {seat.Deputy.Email} (delegated by the member)",
                new JsonObject { ["Seat"] = seat.Member.Email, ["By"] = by ?? seat.Member.Email, ["Deputy"] = seat.Deputy.Email, ["Via"] = context.Workflow.Input.GetValueOrDefault(ViaKey) as string });
        }

        context.SetProperty(StateProperty, state);
    }

    private static void AskLevel(ActivityExecutionContext context, ApprovalState state)
    {
        foreach (var seat in state.ActiveSeats)
        {
            context.CreateBookmark(DecisionStimulus, Stimulus(seat.SeatId));
            Mail(context, state, seat, seat.Member, "request");
        }
    }

    private static string LevelName(ApprovalState state) =>
        state.Levels.ElementAtOrDefault(state.CurrentLevel)?.Name is { Length: > 0 } name ? name : $"Level {state.CurrentLevel + 1}";

    private async ValueTask OnTimerAsync(ActivityExecutionContext context, ApprovalState state, Bookmark bookmark)
    {
        var purpose = bookmark.Payload?["Purpose"]?.GetValue<string>();
        var open = state.ActiveSeats.Where(s => s.Decision is null).ToList();
        switch (purpose)
        {
            case "Reminder":
                var days = bookmark.Payload?["Days"]?.GetValue<int>() ?? 0;
                state.RemindersSent.Add(days);
                state.LastReminderAt = context.Workflow.Now;
                foreach (var seat in open)
                {
                    Mail(context, state, seat, seat.Member, $"reminder-{days}");
                    if (seat.DeputyAsked && seat.Deputy is not null) Mail(context, state, seat, seat.Deputy, $"reminder-{days}-deputy");
                }

                context.Workflow.Journal(context, "ApprovalReminded", $"{open.Count} reminder(s), {days} days before the due date",
                    new JsonObject { ["Days"] = days, ["Recipients"] = new JsonArray(open.Select(s => (JsonNode)JsonValue.Create(s.Member.Email)!).ToArray()) });
                break;
            case "Deputy":
                foreach (var seat in open.Where(s => s.Deputy is not null && !s.DeputyAsked))
                {
                    seat.DeputyAsked = true;
                    Mail(context, state, seat, seat.Deputy!, "deputy");
                    context.Workflow.Journal(context, "ApprovalDelegated", $"{seat.Member.Email} → {seat.Deputy!.Email}");
                }

                break;
            case "Warn":
                await WarnAsync(context, state, open);
                break;
            case "Due" when state.Advisory:
                // Advance views end at the meeting: the meeting decides, not the answers.
                context.Workflow.Journal(context, "ApprovalViewsClosed", $"{state.ActiveSeats.Count() - open.Count} of {state.ActiveSeats.Count()} answered before the meeting");
                context.SetProperty(StateProperty, state);
                await CompleteAsync(context, state, "Done");
                return;
            case "Due":
                context.SetProperty(StateProperty, state);
                if (Evaluate(context, state) is { } decided)
                {
                    await CompleteAsync(context, state, decided);
                    return;
                }

                await EscalateAsync(context, state, open);
                if (context.Get<string>("OnSilence") == EscalateAndWait && open.Count > 0)
                {
                    // Keep waiting: the escalation contacts hear again every few working days until someone answers.
                    var previous = state.DueAt;
                    state.DueAt = calendar.At(calendar.AddWorkingDays(calendar.LocalDate(context.Workflow.Now), Math.Max(1, context.Get<int?>("RepeatWorkingDays") ?? 5)), 16);
                    context.Workflow.Journal(context, "ApprovalEscalated", $"{open.Count} answer(s) missing; waiting until {state.DueAt:O}",
                        new JsonObject { ["Missing"] = open.Count, ["PreviousDueAt"] = previous.ToString("O", CultureInfo.InvariantCulture), ["DueAt"] = state.DueAt.ToString("O", CultureInfo.InvariantCulture) });
                    // Those who have not answered get a reminder with the new date (and links valid until then).
                    foreach (var seat in open) Mail(context, state, seat, seat.DeputyAsked && seat.Deputy is not null ? seat.Deputy : seat.Member, string.Create(CultureInfo.InvariantCulture, $"overdue-{state.Escalations}"));
                    Rearm(context, state);
                    context.SetProperty(StateProperty, state);
                    return;
                }

                context.Workflow.Journal(context, "ApprovalTimedOut", $"{open.Count} answer(s) missing");
                await CompleteAsync(context, state, "TimedOut");
                return;
        }

        context.SetProperty(StateProperty, state);
    }

    /// <summary>The outcome once the quorum is decided either way; null while it can still go both ways.</summary>
    private static string? Evaluate(ActivityExecutionContext context, ApprovalState state)
    {
        var seats = state.ActiveSeats.ToList();
        var total = seats.Count;
        var open = seats.Count(s => s.Decision is null);
        // Advance views never decide. A recorded decision is the body's, and confirmed minutes the meeting's: the first one recorded is the outcome.
        if (state.Advisory) return null;
        if (state.Record == Cycles.Records.CycleRecordKinds.Decision) return seats.FirstOrDefault(s => s.Decision is not null)?.Decision;
        if (state.Record == Cycles.Records.CycleRecordKinds.Minutes && seats.FirstOrDefault(s => s.Decision is not null) is { } minutes)
            return minutes.Record?["quorate"] is JsonValue q && q.GetValue<bool>() ? minutes.Decision : "NotQuorate";
        var approvals = state.Kind == "Approval" ? seats.Count(s => s.Decision == "Approved") : total - open;
        var level = state.Levels.ElementAtOrDefault(state.CurrentLevel);
        var required = (level?.Quorum ?? context.Get<string>("Quorum") ?? "All") switch
        {
            "Any" => 1,
            "Majority" => total / 2 + 1,
            "Count" => Math.Clamp((level is null ? context.Get<int?>("RequiredApprovals") : level.RequiredApprovals) ?? total, 1, total),
            _ => total,
        };
        if (approvals >= required) return state.Kind == "Approval" ? "Approved" : "Done";
        if (approvals + open >= required) return null;
        return seats.Any(s => s.Decision == "ChangesRequested") ? "ChangesRequested" : "Rejected";
    }

    private static ValueTask CompleteAsync(ActivityExecutionContext context, ApprovalState state, string outcome)
    {
        context.SetOutput("Decisions", state.Seats.Where(s => !s.Removed).Select(s => (object?)new Dictionary<string, object?>
        {
            ["email"] = s.Member.Email, ["name"] = s.Member.Name, ["decision"] = s.Decision, ["comment"] = s.Comment,
            ["decidedBy"] = s.DecidedBy, ["byDeputy"] = s.DecidedByDeputy, ["decidedAt"] = s.DecidedAt, ["level"] = s.Level + 1,
            ["record"] = s.Record is null ? null : Workflows.Values.DynamicJson.FromNode(s.Record),
        }).ToList());
        context.JournalData["Outcome"] = outcome;
        if (!state.Advisory) MailOutcome(context, state, outcome);
        return context.CompleteAsync([outcome]);
    }
}
