using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Cycles.Files;
using Opiskeluhuolto.Planning.Cycles.Records;

namespace Opiskeluhuolto.Planning.Cycles;

// The next council term's cycle from the previous one.
public sealed partial class CycleService
{
    /// <summary>
    /// Plans the next council term's cycle from cycle <paramref name="previousId"/> (<see cref="NextTerm"/>), to be
    /// previewed and started like any other; <paramref name="phases"/> may move its dates and <paramref name="planUrl"/>
    /// replaces its first document (by default the previous term's approved plan). Nothing is started here.
    /// </summary>
    public async Task<(JsonObject? Cycle, CycleProblem? Problem)> PlanNextTermAsync(string previousId, JsonObject? phases = null, string? planUrl = null, CancellationToken cancellationToken = default,
        JsonObject? consultation = null)
    {
        ArgumentNullException.ThrowIfNull(previousId);
        if (await CycleStateAsync(previousId, [CycleDefinitionId], cancellationToken) is not { } state || state.Input["Cycle"]?.DeepClone() is not JsonObject previous)
            return (null, CycleProblem.Of(CycleProblemKind.NotFound, null, "cycle.notFound", previousId));
        if (PlanDates.Text(previous["dataset"]) is not { } dataset || await directory.DatasetAsync(dataset, cancellationToken) is not { Kind: "region" } row)
            return (null, Invalid("dataset", "dataset.unknown", PlanDates.Text(previous["dataset"]) ?? "?"));
        if (planUrl is { Length: > 0 } && !CycleRecordKinds.IsWebAddress(planUrl)) return (null, Invalid("planUrl", "planUrl.absolute"));

        var region = JsonNode.Parse(row.Json)!.AsObject();
        var file = RegionFile.Read(region);
        var previousShift = SteeringGroupPlanner.Int(previous["shiftDays"]) ?? 0;
        var previousEnd = PlanDates.Date(file.CouncilTerm?.End) ?? PlanDates.Date(file.PlanCycle?.Label is { } l && l.Length >= 9 ? $"{l[^4..]}-05-31" : null)
            ?? calendar.LocalDate(time.GetUtcNow());
        var term = NextTerm.After(previousEnd.AddDays(previousShift));
        var shift = NextTerm.Shift(file, previousShift, term.Start);

        // The previous term's approved plan (the version the council approved) starts the new cycle; its evaluation goes with it.
        var kept = await records.ListAsync(previousId, cancellationToken);
        var approved = kept.LastOrDefault(r => r.Kind == CycleRecordKinds.Decision && r["body"] == "council" && r["outcome"] == "Approved")?["documentUrl"]
            ?? kept.LastOrDefault(r => r.Kind == CycleRecordKinds.Document)?["documentUrl"];
        try
        {
            var cycle = planner.Build(region, phases, planUrl is { Length: > 0 } ? planUrl : approved, shift, consultation);
            NextTerm.Relabel(cycle, PlanDates.Text(previous["label"]) ?? "", PlanDates.Text(previous["term"]), term.Label, new JsonObject
            {
                ["instance"] = previousId, ["label"] = PlanDates.Text(previous["label"]), ["planUrl"] = approved,
                ["evaluationUrl"] = kept.LastOrDefault(r => r.Kind == CycleRecordKinds.Report)?["reportUrl"],
            });
            return (cycle, null);
        }
        catch (CyclePlanException e)
        {
            return (null, CycleProblem.Of(CycleProblemKind.Invalid, e.Field, e.Code, [.. e.Args]));
        }
    }
}
