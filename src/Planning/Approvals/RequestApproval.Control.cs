using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

// The coordinator's controls: remind now, move the deadline, add or replace a person.
public sealed partial class RequestApproval
{
    /// <summary>The coordinator reminds everyone who has not answered now, or moves the due date (timers re-armed).</summary>
    private ValueTask OnControlAsync(ActivityExecutionContext context, ApprovalState state)
    {
        var input = context.Workflow.Input;
        var by = input.GetValueOrDefault(ByKey) as string;
        var open = state.ActiveSeats.Where(s => s.Decision is null).ToList();
        switch (input.GetValueOrDefault(ActionKey) as string)
        {
            case RemindAction:
                state.ManualReminders++;
                state.LastReminderAt = context.Workflow.Now;
                foreach (var seat in open)
                {
                    Mail(context, state, seat, seat.Member, $"reminder-now-{state.ManualReminders}");
                    if (seat.DeputyAsked && seat.Deputy is not null) Mail(context, state, seat, seat.Deputy, $"reminder-now-{state.ManualReminders}-deputy");
                }

                context.Workflow.Journal(context, "ApprovalReminded", $"{open.Count} reminder(s) sent now by {by ?? "the coordinator"}",
                    new JsonObject { ["Manual"] = true, ["By"] = by, ["Recipients"] = new JsonArray(open.Select(s => (JsonNode)JsonValue.Create(s.Member.Email)!).ToArray()) });
                context.CreateBookmark(ControlStimulus, ControlPayload(context.Id));
                break;
            case ExtendAction when ParseDue(input.GetValueOrDefault(DueAtKey)) is { } newDue && newDue > context.Workflow.Now:
                var previous = state.DueAt;
                state.DueAt = newDue;
                Rearm(context, state);
                context.Workflow.Journal(context, "ApprovalExtended", $"Due {previous:O} → {newDue:O} by {by ?? "the coordinator"}",
                    new JsonObject { ["From"] = previous.ToString("O", CultureInfo.InvariantCulture), ["To"] = newDue.ToString("O", CultureInfo.InvariantCulture), ["By"] = by });
                break;
            case AddPersonAction or ReplacePersonAction when AssigneeReader.Person(input.GetValueOrDefault(PersonKey)) is { } person
                && !state.ActiveSeats.Any(s => string.Equals(s.Member.Email, person.Member.Email, StringComparison.OrdinalIgnoreCase)):
                var replaced = input.GetValueOrDefault(ActionKey) as string == ReplacePersonAction
                    ? state.ActiveSeats.FirstOrDefault(s => s.SeatId == input.GetValueOrDefault(SeatKey) as string && s.Decision is null)
                    : null;
                if (input.GetValueOrDefault(ActionKey) as string == ReplacePersonAction && replaced is null)
                {
                    context.CreateBookmark(ControlStimulus, ControlPayload(context.Id));
                    break;
                }

                if (replaced is not null) replaced.Removed = true;
                var added = new ApprovalSeat { SeatId = context.Workflow.Services.NewId(), Member = person.Member, Deputy = person.Deputy ?? replaced?.Deputy, Level = state.CurrentLevel };
                state.Seats.Add(added);
                Rearm(context, state);
                Mail(context, state, added, added.Member, "request");
                context.Workflow.Journal(context, replaced is null ? "ApprovalPersonAdded" : "ApprovalPersonReplaced",
                    replaced is null ? $"{added.Member.Email} added by {by ?? "the coordinator"}" : $"{replaced.Member.Email} → {added.Member.Email} by {by ?? "the coordinator"}",
                    new JsonObject { ["Added"] = added.Member.Email, ["Replaced"] = replaced?.Member.Email, ["By"] = by });
                break;
            default:
                context.CreateBookmark(ControlStimulus, ControlPayload(context.Id));
                break;
        }

        context.SetProperty(StateProperty, state);
        return ValueTask.CompletedTask;
    }

    private static DateTimeOffset? ParseDue(object? value) => value switch
    {
        DateTimeOffset d => d,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => null,
    };
}
