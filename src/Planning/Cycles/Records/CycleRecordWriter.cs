using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Cycles.Records;

/// <summary>
/// Writes the records an instance made in a burst (<see cref="Add"/>) into <c>CycleRecords</c> in the same commit as the
/// instance: a record exists exactly when the answer that made it is stored. Ids are fixed by the request, so a burst
/// run again after a crash writes nothing twice.
/// </summary>
internal sealed class CycleRecordWriter : IWorkflowCommitContributor
{
    /// <summary>Instance property holding the records not yet written.</summary>
    private const string Pending = "CycleRecords";

    /// <summary>
    /// Notes a record made in this burst. The cycle is the instance's parent (phase workflows run as the cycle's
    /// children) or the instance itself.
    /// </summary>
    public static void Add(WorkflowExecutionContext workflow, string id, string kind, JsonObject data, string? by)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.State.Properties[Pending] is not JsonArray pending) workflow.State.Properties[Pending] = pending = [];
        pending.Add(Entry(id, CycleOf(workflow.State), kind, data.DeepClone().AsObject(), by, workflow.Now, workflow.InstanceId));
    }

    /// <summary>Instance properties that make a new instance write <paramref name="kind"/> with its first commit (a cycle started with its plan's first version).</summary>
    public static JsonObject Initially(string instanceId, string kind, JsonObject data, string? by, DateTimeOffset at) =>
        new() { [Pending] = new JsonArray(Entry($"{instanceId}:start:{kind}", instanceId, kind, data, by, at, instanceId)) };

    private static JsonObject Entry(string id, string cycle, string kind, JsonObject data, string? by, DateTimeOffset at, string source) => new()
    {
        ["Id"] = id, ["Cycle"] = cycle, ["Kind"] = kind, ["Data"] = data, ["By"] = by, ["At"] = at.UtcTicks, ["Source"] = source,
    };

    /// <summary>Records made in this burst and not yet written, in order (version numbers not yet given).</summary>
    public static IReadOnlyList<CycleRecordView> PendingRecords(WorkflowExecutionContext workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.State.Properties[Pending] is JsonArray pending
            ? [.. pending.OfType<JsonObject>().Select(r => new CycleRecordView((string?)r["Id"] ?? "", (string?)r["Kind"] ?? "", r["Data"]?.DeepClone() as JsonObject ?? [], (string?)r["By"],
                new DateTimeOffset(r["At"]?.GetValue<long>() ?? 0, TimeSpan.Zero), 0))]
            : [];
    }

    /// <summary>The cycle an instance belongs to: its parent, or itself when it has none.</summary>
    public static string CycleOf(WorkflowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ParentWorkflowInstanceId ?? state.Id;
    }

    public void Contribute(WorkflowState state, bool isNew, SqlBatch batch)
    {
        if (state.Properties[Pending] is not JsonArray pending) return;
        foreach (var record in pending.OfType<JsonObject>())
        {
            batch.Add("""
                INSERT INTO "CycleRecords" ("Id", "CycleInstanceId", "Kind", "Data", "RecordedBy", "RecordedAt", "SourceInstanceId")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}) ON CONFLICT DO NOTHING
                """,
                (string?)record["Id"], (string?)record["Cycle"], (string?)record["Kind"], record["Data"]?.ToJsonString() ?? "{}", (string?)record["By"],
                (long?)record["At"] ?? 0, (string?)record["Source"]);
        }

        state.Properties.Remove(Pending);
    }
}
