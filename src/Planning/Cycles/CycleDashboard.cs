using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>The state of a planning cycle for its coordinator.</summary>
public sealed record CycleDashboard(
    string Id, string? Name, string? Cycle, string Status, string SubStatus, DateTimeOffset CreatedAt,
    IReadOnlyList<DashboardPhase> Phases, IReadOnlyList<DashboardRequest> OpenRequests, IReadOnlyList<DashboardMeeting> Meetings, IReadOnlyList<DashboardEvent> Activity)
{
    /// <summary>What the cycle keeps: the plan's versions (numbered), the county bodies' decisions, its attachment to the welfare plan.</summary>
    public IReadOnlyList<Records.CycleRecordView> Records { get; init; } = [];

    private static readonly HashSet<string> PhaseActivities = new(StringComparer.Ordinal) { "CyclePhaseTask", "CycleGroupApproval", "CycleCountyDecision", "Elsa.BulkDispatchWorkflows" };

    /// <summary>Reads the dashboard of cycle instance <paramref name="id"/> and its child instances; null if there is no such cycle.</summary>
    public static async Task<CycleDashboard?> LoadAsync(string id, WorkflowStore store, IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken, string language = "fi")
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(calendar);
        var loaded = await store.LoadAsync(id, cancellationToken);
        if (loaded is null || !CycleService.DashboardDefinitionIds.Contains(loaded.State.DefinitionId)) return null;
        var state = loaded.State;
        var cycle = state.Input["Cycle"] as JsonObject ?? [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var childIds = await db.WorkflowInstances.AsNoTracking().Where(i => i.ParentWorkflowInstanceId == id).Select(i => i.Id).ToListAsync(cancellationToken);
        var instances = new List<WorkflowState> { state };
        foreach (var childId in childIds)
            if (await store.LoadAsync(childId, cancellationToken) is { } child) instances.Add(child.State);

        var ids = instances.Select(i => i.Id).ToList();
        var logs = await db.ExecutionLog.AsNoTracking().Where(l => ids.Contains(l.WorkflowInstanceId)).OrderBy(l => l.Timestamp).ThenBy(l => l.Sequence).ToListAsync(cancellationToken);
        var phaseEvents = logs.Where(l => PhaseActivities.Contains(l.ActivityType) || l.ActivityType == "Opiskeluhuolto.RequestApproval")
            .Select(l => (Log: l, Node: JsonNode.Parse(l.Data) as JsonObject)).ToList();

        var phases = new List<DashboardPhase>();
        foreach (var (key, node) in cycle["phases"] as JsonObject ?? [])
        {
            if (node is not JsonObject phase) continue;
            var start = DateTimeOffset.Parse(phase["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var deadline = DateTimeOffset.Parse(phase["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var mine = phaseEvents.Where(e => PhaseKey(e.Node) == key || (key == "group-approval" && e.Log.ActivityType == "CycleGroupApproval") || (key == "county-decision" && e.Log.ActivityType == "CycleCountyDecision")
                || (key.StartsWith("follow-up", StringComparison.Ordinal) && e.Log.ActivityType == "Opiskeluhuolto.RequestApproval" && FollowUpKey(instances, e.Log.WorkflowInstanceId) == key)).ToList();
            var completed = mine.LastOrDefault(e => e.Log.EventName == "Completed" && e.Log.ActivityType != "Opiskeluhuolto.RequestApproval");
            // A phase run again (the plan returned for revision goes back to the group) is under way again.
            if (completed.Log is not null && mine.Any(e => e.Log.EventName == "Started" && e.Log.ActivityType == completed.Log.ActivityType && e.Log.Timestamp > completed.Log.Timestamp)) completed = default;
            var followUpDone = key.StartsWith("follow-up", StringComparison.Ordinal) && instances.Any(i => FollowUpKey(instances, i.Id) == key && i.Status == WorkflowStatus.Finished);
            var started = mine.Any(e => e.Log.EventName is "Started" or "ApprovalRequested")
                || instances.Any(i => i.Status == WorkflowStatus.Running && FollowUpKey(instances, i.Id) == key);
            var status = completed.Log is not null || followUpDone ? "Done" : started && now >= start ? "Active" : "Upcoming";
            phases.Add(new DashboardPhase(key, CyclePlanner.InLanguage(phase["name"], language) ?? key, start, deadline, status, completed.Log?.Timestamp,
                completed.Node?["payload"]?["Outcomes"] is JsonArray outcomes ? string.Join(",", outcomes.Select(o => o?.GetValue<string>())) : null));
        }

        var requests = new List<DashboardRequest>();
        var meetings = new List<DashboardMeeting>();
        foreach (var instance in instances.Where(i => i.Status == WorkflowStatus.Running))
        {
            foreach (var (requestId, title, _, approval) in ApprovalTasks.InInstance(instance, language))
            {
                var seats = approval.ActiveSeats.Select(s => new DashboardSeat(s.SeatId, s.Member.Email, s.Member.Name, s.Member.Organisation, s.Decision, s.DecidedAt, s.DecidedByDeputy, s.DeputyAsked)).ToList();
                requests.Add(new DashboardRequest(instance.Id, requestId, title, approval.Kind, approval.DueAt, seats.Count(s => s.Answer is not null), seats.Count, seats, approval.LastReminderAt));
            }

            foreach (var context in instance.ActivityExecutionContexts.Where(c => c.Properties["Meetings"] is JsonObject))
            {
                var series = context.Properties["Meetings"]!.Deserialize<MeetingSeriesState>(WorkflowJson.Options)!;
                meetings.AddRange(series.Meetings.Select(m => new DashboardMeeting(m.Id, m.Title.GetValueOrDefault(language) ?? m.Title.GetValueOrDefault("fi") ?? m.Id, m.StartsAt, m.Location, m.Invitees.Count, m.InvitedAt, m.RemindedAt.Count, m.Held,
                    m.Responses.Count(r => r.Value == InviteToMeetings.Attending), m.Responses.Count(r => r.Value == InviteToMeetings.NotAttending), context.Id)));
            }
        }

        var interesting = new HashSet<string>(StringComparer.Ordinal)
        {
            "ApprovalRequested", "ApprovalDecided", "ApprovalReminded", "ApprovalDelegated", "ApprovalTimedOut", "ApprovalExtended", "ApprovalPersonAdded", "ApprovalPersonReplaced", "MeetingInvited", "MeetingReminded", "MeetingHeld", "MeetingResponse", "MeetingDeputyInvited",
        };
        var meetingTitles = meetings.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First().Title);
        var activity = logs.Where(l => l.EventName is not null && interesting.Contains(l.EventName))
            .Select(l => new DashboardEvent(l.Timestamp, l.EventName!, Subject(JsonNode.Parse(l.Data) as JsonObject, meetingTitles, language)))
            .OrderByDescending(e => e.At).Take(100).ToList();
        // Phases made of meetings only (kickoff, municipal tour) follow their meetings.
        var meetingPhase = (cycle["meetings"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => m["id"] is JsonValue && m["phase"] is JsonValue).ToDictionary(m => m["id"]!.GetValue<string>(), m => m["phase"]!.GetValue<string>());
        for (var i = 0; i < phases.Count; i++)
        {
            var held = meetings.Where(m => meetingPhase.GetValueOrDefault(m.Id) == phases[i].Key).ToList();
            if (held.Count == 0 || CyclePlanner.TryTask(phases[i].Key, out _)) continue;
            phases[i] = phases[i] with
            {
                State = held.All(m => m.Held) ? "Done" : held.Any(m => m.InvitedAt is not null) ? "Active" : "Upcoming",
                CompletedAt = held.All(m => m.Held) ? held.Max(m => m.StartsAt) : null,
            };
        }

        var name = language == "fi" ? state.Name : CyclePlanner.CycleName(cycle, language) ?? state.Name;
        return new CycleDashboard(state.Id, name, state.CorrelationId, state.Status.ToString(), state.SubStatus.ToString(), state.CreatedAt, phases,
            [.. requests.OrderBy(r => r.DueAt)], [.. meetings.OrderBy(m => m.StartsAt)], activity);
    }

    /// <summary>What an activity-feed entry is about: the request's title, or the meeting's.</summary>
    private static string? Subject(JsonObject? log, Dictionary<string, string> meetingTitles, string language)
    {
        var localised = language switch { "sv" => log?["activityState"]?["titleSv"], "en" => log?["activityState"]?["titleEn"], _ => null };
        if (localised is JsonValue named && named.TryGetValue<string>(out var inLanguage) && inLanguage.Length > 0) return inLanguage;
        if (log?["activityState"]?["title"] is JsonValue title && title.TryGetValue<string>(out var text)) return text;
        var meetingId = log?["payload"]?["MeetingId"] is JsonValue id && id.TryGetValue<string>(out var value) ? value
            : log?["message"] is JsonValue message && message.TryGetValue<string>(out var m) && m.Contains(':', StringComparison.Ordinal) ? m[..m.IndexOf(':', StringComparison.Ordinal)] : null;
        return meetingId is not null && meetingTitles.TryGetValue(meetingId, out var meetingTitle) ? meetingTitle : null;
    }

    private static string? PhaseKey(JsonObject? log) => log?["activityState"]?["phase"] is JsonValue v && v.TryGetValue<string>(out var key) ? key : null;

    private static string? FollowUpKey(List<WorkflowState> instances, string instanceId) =>
        instances.FirstOrDefault(i => i.Id == instanceId)?.Input["Item"]?["key"] is JsonValue v && v.TryGetValue<string>(out var key) ? key : null;
}
