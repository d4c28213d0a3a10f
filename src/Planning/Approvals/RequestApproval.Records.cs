using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Cycles.Records;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Planning.Approvals;

// What answers record (a document, a body's decision, the plan's attachment) and escalation while waiting.
public sealed partial class RequestApproval
{
    /// <summary>The checked fields of an answer's record, with the request's fixed details; null when they do not pass.</summary>
    private JsonObject? ReadRecord(ActivityExecutionContext context, ApprovalState state, object? value)
    {
        var kind = state.Record!;
        var given = value switch
        {
            JsonObject o => o,
            null => null,
            _ => DynamicJson.ToNode(value) as JsonObject,
        };
        if (given is null) return null;
        var today = calendar.LocalDate(context.Workflow.Now);
        var (record, error) = CycleRecordKinds.Read(kind, name => given[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, today);
        if (record is null || error is not null) return null;
        if (kind == CycleRecordKinds.Minutes && !Attendance(state, record)) return null;
        if (context.Get("RecordDetails") is IDictionary<string, object?> details)
        {
            foreach (var (name, detail) in details.Where(d => !record.ContainsKey(d.Key))) record[name] = DynamicJson.ToNode(detail);
        }

        return record;
    }

    /// <summary>
    /// Keeps what the answer recorded with the cycle (written in this commit). A decision also keeps what it decided and
    /// the document version it decided on (the cycle's current one).
    /// </summary>
    private async ValueTask KeepRecordAsync(ActivityExecutionContext context, ApprovalState state, ApprovalSeat seat, string decision)
    {
        var data = seat.Record!.DeepClone().AsObject();
        data["title"] = TitleFor(context, "fi");
        if (state.Record is CycleRecordKinds.Decision or CycleRecordKinds.Minutes)
        {
            data["outcome"] = decision;
            if (await CurrentDocumentAsync(context) is { } document)
            {
                data["documentUrl"] = document.Url;
                data["documentVersion"] = document.Version;
                seat.Record["documentVersion"] = document.Version;
            }
        }

        if (state.Record == CycleRecordKinds.Minutes) data["outcome"] = data["quorate"]?.GetValue<bool>() == true ? decision : "NotQuorate";
        CycleRecordWriter.Add(context.Workflow, $"{context.Workflow.InstanceId}:{context.Id}:{seat.SeatId}", CycleRecordKinds.KeptAs(state.Record!), data, seat.DecidedBy);
    }

    /// <summary>The cycle's current document with its version: one recorded earlier in this burst, else the last one stored.</summary>
    private async ValueTask<(string Url, int Version)?> CurrentDocumentAsync(ActivityExecutionContext context) =>
        records is not null && (await records.ListAsync(context.Workflow)).LastOrDefault(r => r.Kind == CycleRecordKinds.Document) is { } last && last["documentUrl"] is { } url
            ? (url, last.Version)
            : null;

    /// <summary>
    /// Turns the minutes' attendance (one choice per seat, in order) into who attended, and whether the meeting was
    /// quorate: more than half of the seats present (member or deputy), the chair's seat among them. False when the
    /// choices do not match the seats.
    /// </summary>
    private static bool Attendance(ApprovalState state, JsonObject record)
    {
        var choices = ((string?)record["attendance"] ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (choices.Length != state.Attendees.Count) return false;
        var attendance = new JsonArray();
        var present = 0;
        var chairPresent = state.Chair is null;
        for (var i = 0; i < choices.Length; i++)
        {
            var seat = state.Attendees[i];
            var choice = choices[i] == "deputy" && seat.Deputy is null ? "absent" : choices[i];
            var who = choice switch { "member" => seat.Member, "deputy" => seat.Deputy, _ => null };
            if (who is not null) present++;
            if (who is not null && string.Equals(seat.Member.Email, state.Chair, StringComparison.OrdinalIgnoreCase)) chairPresent = true;
            attendance.Add(new JsonObject { ["seat"] = seat.Member.Name ?? seat.Member.Email, ["present"] = choice, ["attendedBy"] = who?.Name ?? who?.Email });
        }

        record["attendance"] = attendance;
        record["present"] = present;
        record["seats"] = state.Attendees.Count;
        record["quorate"] = present * 2 > state.Attendees.Count && chairPresent;
        return true;
    }

    /// <summary>Before a meeting: when fewer than half have answered, the warning contacts hear who has not.</summary>
    private async ValueTask WarnAsync(ActivityExecutionContext context, ApprovalState state, List<ApprovalSeat> open)
    {
        state.Warned = true;
        var total = state.ActiveSeats.Count();
        if ((total - open.Count) * 2 >= total) return;
        await TellAsync(context, state, Addresses(context.Get<string>("WarnTo")), open[0], "escalation-warning", open);
        context.Workflow.Journal(context, "ApprovalWarned", $"{total - open.Count} of {total} answered", new JsonObject { ["Answered"] = total - open.Count, ["Asked"] = total });
    }

    /// <summary>
    /// The escalation contacts hear who has not answered; with <c>EscalateToOwnContacts</c> each silent person's own
    /// contact also hears about the people they answer for (a provider's member in the group).
    /// </summary>
    private async ValueTask EscalateAsync(ActivityExecutionContext context, ApprovalState state, List<ApprovalSeat> open)
    {
        if (open.Count == 0) return;
        var kind = state.Escalations == 0 ? "escalation" : string.Create(CultureInfo.InvariantCulture, $"escalation-{state.Escalations + 1}");
        if (context.Get<bool?>("EscalateToOwnContacts") == true)
        {
            foreach (var group in open.Where(s => s.Member.EscalateTo is { Length: > 0 } c && !string.Equals(c, s.Member.Email, StringComparison.OrdinalIgnoreCase))
                .GroupBy(s => s.Member.EscalateTo!, StringComparer.OrdinalIgnoreCase))
                await TellAsync(context, state, [group.Key], group.First(), kind + "-own", [.. group]);
        }

        await TellAsync(context, state, Addresses(context.Get<string>("EscalateTo")), open[0], kind, open);
        state.Escalations++;
    }

    /// <summary>One mail to each contact (in their language when the people directory knows them) listing <paramref name="missing"/>.</summary>
    private async ValueTask TellAsync(ActivityExecutionContext context, ApprovalState state, IEnumerable<string> addresses, ApprovalSeat about, string kind, IReadOnlyList<ApprovalSeat> missing)
    {
        foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var contact = (directory is null ? null : await directory.FindAsync(address)) ?? new ApprovalPerson { Email = address, Language = "fi" };
            Mail(context, state, about, contact, kind, details: m => m with { Missing = [.. missing.Select(s => s.Member)] });
        }
    }

    /// <summary>The addresses of a comma- or semicolon-separated list; none for an empty one.</summary>
    private static string[] Addresses(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
