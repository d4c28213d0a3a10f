using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Cycles.Records;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

// What answers record (a document, a body's decision, the plan's attachment) and escalation while waiting.
public sealed partial class RequestApproval
{
    /// <summary>The checked fields of an answer's record, with the request's fixed details; null when they do not pass.</summary>
    private JsonObject? ReadRecord(ActivityExecutionContext context, string kind, object? value)
    {
        var given = value switch
        {
            JsonObject o => o,
            null => null,
            _ => JsonSerializer.SerializeToNode(value) as JsonObject,
        };
        if (given is null) return null;
        var today = calendar.LocalDate(context.Workflow.Now);
        var (record, error) = CycleRecordKinds.Read(kind, name => given[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, today);
        if (record is null || error is not null) return null;
        if (context.Get("RecordDetails") is IDictionary<string, object?> details)
        {
            foreach (var (name, detail) in details.Where(d => !record.ContainsKey(d.Key))) record[name] = JsonSerializer.SerializeToNode(detail);
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
        if (state.Record == CycleRecordKinds.Decision)
        {
            data["outcome"] = decision;
            if (await CurrentDocumentAsync(context) is { } document)
            {
                data["documentUrl"] = document.Url;
                data["documentVersion"] = document.Version;
                seat.Record["documentVersion"] = document.Version;
            }
        }

        CycleRecordWriter.Add(context.Workflow, $"{context.Workflow.InstanceId}:{context.Id}:{seat.SeatId}", state.Record!, data, seat.DecidedBy);
    }

    /// <summary>The cycle's current document with its version: one recorded earlier in this burst, else the last one stored.</summary>
    private async ValueTask<(string Url, int Version)?> CurrentDocumentAsync(ActivityExecutionContext context) =>
        records is not null && (await records.ListAsync(context.Workflow)).LastOrDefault(r => r.Kind == CycleRecordKinds.Document) is { } last && last["documentUrl"] is { } url
            ? (url, last.Version)
            : null;

    /// <summary>One mail to each escalation contact (in their language when the directory knows them) listing who has not answered.</summary>
    private async ValueTask EscalateAsync(ActivityExecutionContext context, ApprovalState state, List<ApprovalSeat> open)
    {
        if (open.Count == 0 || context.Get<string>("EscalateTo") is not { Length: > 0 } escalateTo) return;
        var kind = state.Escalations == 0 ? "escalation" : string.Create(CultureInfo.InvariantCulture, $"escalation-{state.Escalations + 1}");
        foreach (var address in escalateTo.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var contact = (directory is null ? null : await directory.FindAsync(address)) ?? new ApprovalPerson { Email = address, Language = "fi" };
            Mail(context, state, open[0], contact, kind, details: m => m with { Missing = [.. open.Select(s => s.Member)] });
        }

        state.Escalations++;
    }
}
