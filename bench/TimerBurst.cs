using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Everyone's 09:00 reminder: <c>due</c> instances wait on one instant while <c>pending</c> more wait on instants over the
/// coming year; from the instant, the engine's timer path (what a Quartz wake-up runs: <see cref="TimerScheduler.ResumeDueAsync"/>)
/// resumes every due one, each resume committed, until the last. Firings per second against the same run's
/// <c>durable-resumes</c>: a due timer should cost no more than an event.
/// </summary>
internal static class TimerBurst
{
    public static async Task<IReadOnlyList<Metric>> RunAsync(int due, int pending, double resumeCeiling)
    {
        await using var engine = await BenchEngine.CreateAsync();
        var version = await engine.PublishAsync(QuartzTimers.Workflow);
        var runtime = engine.Services.GetRequiredService<WorkflowRuntime>();
        var timers = engine.Services.GetRequiredService<TimerScheduler>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 16 };
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, pending), options, async (i, ct) => await StartAsync(runtime, version, now.AddDays(1).AddSeconds(i * 600.0), ct));

        var creation = Stopwatch.StartNew();
        var instant = DateTimeOffset.UtcNow.AddSeconds(5 + due / 1_500.0);
        instant = new DateTimeOffset(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, due), options, async (_, ct) => await StartAsync(runtime, version, instant, ct));
        if (DateTimeOffset.UtcNow >= instant) throw new InvalidOperationException($"Starting {due} instances took {creation.Elapsed.TotalSeconds:0.0} s, past the instant: raise the lead time.");
        await Task.Delay(instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1));

        var clock = Stopwatch.StartNew();
        var fired = 0;
        while (fired < due && clock.Elapsed < TimeSpan.FromMinutes(5)) fired += await timers.ResumeDueAsync();
        clock.Stop();
        if (fired < due) return [new Metric("timer-burst", 0, "firings/s", $">=0.8x ({fired} of {due} fired in 5 min)", resumeCeiling, false)];
        var rate = due / clock.Elapsed.TotalSeconds;
        return [new Metric("timer-burst", rate, "firings/s", $">=0.8x ({due} on one instant, {pending} pending; ceiling: durable-resumes of this run)", resumeCeiling, rate >= 0.8 * resumeCeiling)];
    }

    private static async Task StartAsync(WorkflowRuntime runtime, Workflows.Persistence.WorkflowDefinitionRecord version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = await runtime.StartAsync(version, new StartWorkflowRequest { Input = new Dictionary<string, object?> { ["At"] = at.ToString("O", CultureInfo.InvariantCulture) } }, cancellationToken);
        if (result.State.SubStatus != Workflows.Model.WorkflowSubStatus.Suspended) throw new InvalidOperationException($"A timer instance ended {result.State.SubStatus} instead of waiting.");
    }
}
