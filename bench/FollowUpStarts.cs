using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// The autumn burst: <c>count</c> instances of the shipped yearly follow-up workflow (<c>workflows-json/cycle-follow-up.json</c>)
/// started at once, each with what the council-term cycle hands it (the Keski-Suomi demo cycle moved into the future: title, coordinator,
/// providers) and the first follow-up phase as input,
/// by cores × 8 concurrent callers (<c>BENCH_CALLERS</c> overrides); each runs until it waits for the phase to begin. Time for
/// all of them and the process's peak RSS (run it first or alone: the peak covers the whole process).
/// </summary>
internal static class FollowUpStarts
{
    // Callers starting at once (a server under the autumn load; BENCH_CALLERS overrides): starts that reach the writer
    // together share a commit.
    private static readonly int Callers = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CALLERS"), out var n) ? n : Environment.ProcessorCount * 8;

    public static async Task<IReadOnlyList<Metric>> RunAsync(int count)
    {
        var root = FindRepository();
        if (root is null) return [new Metric("follow-up-starts", 0, "s", "<=30 for 40000 (repository not found)", 0, false)];
        await using var engine = await BenchEngine.CreateAsync();
        var (version, newInput) = await PrepareAsync(engine, root);
        var runtime = engine.Services.GetRequiredService<WorkflowRuntime>();
        // The ceiling is measured before and after the engine and averaged (the machine's rate drifts between minutes);
        // its rows are those of one start made first. Both paths first run at a quarter of the size, unmeasured: the
        // first measured one otherwise ran partly on unoptimised code (a cold ceiling gave 3,172 starts/s, 4,615 after).
        var first = await runtime.StartAsync(version, new StartWorkflowRequest { Input = newInput() });
        var rows = CapturedRows.Of(Path.Combine(engine.Folder, "workflows.db"), first.State.Id);
        await CeilingAsync(rows, Math.Max(count / 4, 500));
        await Parallel.ForEachAsync(Enumerable.Range(0, Math.Max(count / 4, 500)), new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (_, ct) =>
            await runtime.StartAsync(version, new StartWorkflowRequest { Input = newInput() }, ct));
        var before = await CeilingAsync(rows, count);

        string? sample = null;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var io = ProcessIo.Now();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (_, ct) =>
        {
            var result = await runtime.StartAsync(version, new StartWorkflowRequest { Input = newInput() }, ct);
            sample = result.State.Id; // any one of them
            if (result.State.SubStatus != Workflows.Model.WorkflowSubStatus.Suspended) throw new InvalidOperationException($"A follow-up ended {result.State.SubStatus} instead of waiting: {string.Join("; ", result.State.Incidents.Select(i => i.Message))}");
        });
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var ioAfter = ProcessIo.Now();
        Console.WriteLine($"# storage during the starts: {(ioAfter.Written - io.Written) / 1024 / count} KB written and {(ioAfter.Read - io.Read) / 1024 / count} KB read per start");
        Console.WriteLine($"# GC during the starts: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(2) - gen2} gen2, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms of {clock.Elapsed.TotalMilliseconds:0} ms; allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB in the process");
        // What one start writes (the cycle travels in every instance's input).
        await using (var db = await engine.Services.GetRequiredService<IDbContextFactory<Workflows.Persistence.WorkflowsDbContext>>().CreateDbContextAsync())
        {
            var instance = await db.WorkflowInstances.Where(x => x.Id == sample).Select(x => x.Data.Length).SumAsync();
            var journal = await db.ExecutionLog.Where(x => x.WorkflowInstanceId == sample).Select(x => x.Data.Length).ToListAsync();
            var records = await db.ActivityExecutions.Where(x => x.WorkflowInstanceId == sample).Select(x => x.Data.Length).ToListAsync();
            Console.WriteLine($"# one follow-up start writes: instance {instance / 1024} KB, journal {journal.Count} rows {journal.Sum() / 1024} KB, activity records {records.Count} rows {records.Sum() / 1024} KB");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var scaled = seconds * 40_000 / count;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        // The same rows per start, written by plain ADO.NET with the same group commit and callers.
        var after = await CeilingAsync(rows, count);
        var ceiling = (before + after) / 2;
        Console.WriteLine(FormattableString.Invariant($"# follow-up-starts ceiling: {before:F0} starts/s before the engine, {after:F0} after"));

        var rate = count / seconds;
        return
        [
            new Metric("follow-up-starts", scaled, "s per 40000", "info", 0, true),
            new Metric("follow-up-starts-rate", rate, "starts/s", $">=0.5x ({Callers} callers; ceiling: the same {rows.Count} rows by ADO.NET with group commit)", ceiling, rate >= 0.5 * ceiling),
            new Metric("follow-up-starts-cpu", cpu.TotalMilliseconds / count, "ms CPU per start", "info", 0, true),
            new Metric("follow-up-starts-peak-rss", peak, "MB", "<=400", 0, peak <= 400),
        ];
    }

    private static async Task<double> CeilingAsync(CapturedRows rows, int count)
    {
        await using var raw = await BenchEngine.CreateAsync();
        return await RawCeiling.StartsAsync(Path.Combine(raw.Folder, "workflows.db"), rows, count, Callers);
    }

    /// <summary>
    /// Publishes the shipped follow-up workflow on <paramref name="engine"/>; returns it with a maker of the input each
    /// follow-up gets from the council-term cycle (the Keski-Suomi demo cycle moved into the future).
    /// </summary>
    internal static async Task<(WorkflowDefinitionRecord Version, Func<Dictionary<string, object?>> NewInput)> PrepareAsync(BenchEngine engine, string root)
    {
        var version = await engine.PublishAsync(await File.ReadAllTextAsync(Path.Combine(root, "workflows-json", "cycle-follow-up.json")));
        var planner = engine.Services.GetRequiredService<CyclePlanner>();
        var region = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "src", "Host", "DemoData", "keski-suomi-2023.json")))!.AsObject();
        var cycle = planner.Build(region, shiftDays: CyclePlanner.ShiftToFuture(region, DateOnly.FromDateTime(DateTime.UtcNow)));
        // What council-term-cycle hands each follow-up: the part of the cycle the follow-up reads, not the whole plan.
        var slim = new JsonObject
        {
            ["id"] = cycle["id"]?.DeepClone(), ["label"] = cycle["label"]?.DeepClone(), ["title"] = cycle["title"]?.DeepClone(),
            ["coordinator"] = cycle["coordinator"]?.DeepClone(), ["providers"] = cycle["providers"]?.DeepClone(),
        };
        var item = (cycle["followUps"] as JsonArray)?.FirstOrDefault()?.DeepClone() ?? throw new InvalidOperationException("The demo cycle has no follow-up phase.");
        return (version, () => new Dictionary<string, object?> { ["Item"] = Workflows.Values.DynamicJson.FromNode(item), ["Cycle"] = Workflows.Values.DynamicJson.FromNode(slim) });
    }

    internal static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Opiskeluhuolto.Workflows.sln"))) return dir.FullName;
        return null;
    }
}
