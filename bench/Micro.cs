using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// BenchmarkDotNet where it fits: the small, hot pieces of every burst, each against a baseline in the same run
/// (<c>--micro</c>; in process, short runs, allocations shown).
/// </summary>
internal static class Micro
{
    public static int Run(string[] args)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes([typeof(IdBenchmarks), typeof(StateBenchmarks)]).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}

/// <summary>Time-ordered ids (this engine) against Elsa's random 64-bit ids.</summary>
[MemoryDiagnoser]
public class IdBenchmarks
{
    [Benchmark(Baseline = true, Description = "random 64-bit hex (Elsa)")]
    public string Random() => ((ulong)System.Random.Shared.NextInt64(long.MinValue, long.MaxValue)).ToString("x", CultureInfo.InvariantCulture);

    [Benchmark(Description = "time-ordered (IdGenerator)")]
    public string TimeOrdered() => IdGenerator.New();
}

/// <summary>
/// The state of one real follow-up instance (the shipped workflow after its first burst, ~4 KB of JSON): reading and
/// writing it as a burst does, against parsing the same bytes into a plain JSON document (the floor for reading them).
/// </summary>
[MemoryDiagnoser]
public class StateBenchmarks
{
    private string _json = "";
    private WorkflowState _state = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var root = FollowUpStarts.FindRepository() ?? throw new InvalidOperationException("Run from the repository: workflows-json/ not found.");
        await using var engine = await BenchEngine.CreateAsync();
        var (version, newInput) = await FollowUpStarts.PrepareAsync(engine, root);
        var started = await engine.Services.GetRequiredService<WorkflowRuntime>().StartAsync(version, new StartWorkflowRequest { Input = newInput() });
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        _json = await db.WorkflowInstances.Where(x => x.Id == started.State.Id).Select(x => x.Data).SingleAsync();
        _state = JsonSerializer.Deserialize<WorkflowState>(_json, WorkflowJson.Options)!;
    }

    [Benchmark(Baseline = true, Description = "parse the JSON (JsonDocument)")]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "read the state (WorkflowState)")]
    public WorkflowState Read() => JsonSerializer.Deserialize<WorkflowState>(_json, WorkflowJson.Options)!;

    [Benchmark(Description = "write the state (WorkflowState)")]
    public string Write() => JsonSerializer.Serialize(_state, WorkflowJson.Options);
}
