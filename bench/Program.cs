using System.Diagnostics;
using System.Globalization;
using Opiskeluhuolto.Bench;

// Throughput harness: each metric is measured against a ceiling measured in the same run on the same machine.
// Usage: dotnet run -c Release --project bench -- [--quick] [--only <metric>]
//        dotnet run -c Release --project bench -- --micro [BenchmarkDotNet arguments, e.g. --filter *Id*]
if (args.Contains("--micro")) return Micro.Run([.. args.Where(a => a != "--micro")]);
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
Console.WriteLine($"# {DateTimeOffset.UtcNow:O} {Environment.MachineName} {Environment.ProcessorCount} cores {System.Runtime.InteropServices.RuntimeInformation.OSDescription} .NET {Environment.Version} quick={quick}");
if (quick) Console.WriteLine("# quick: small sizes with the JIT still warming; the targets are for full sizes, so pass= here is only indicative");
var total = Stopwatch.StartNew();
var results = new List<Metric>();
// --only takes a metric's name (or its group's): each group prints all its lines. A group about to run starts on a
// settled process: the garbage and finalisers of the groups before it are collected first, not during its measurement.
bool Runs(params string[] names)
{
    if (only is not null && !names.Contains(only)) return false;
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    return true;
}
// First: its peak RSS is the whole process's.
if (Runs("follow-up-starts", "follow-up-starts-rate", "follow-up-starts-peak-rss")) results.AddRange(await FollowUpStarts.RunAsync(quick ? 2_000 : 40_000));
if (Runs("bulk-dispatch", "bulk-dispatch-children")) results.AddRange(await BulkDispatch.RunAsync(quick ? 1_000 : 10_000));
// timer-burst's ceiling is this run's durable-resumes, so it runs them too.
if (Runs("durable-resumes", "durable-resume-p99", "timer-burst")) results.AddRange(await DurableResumes.RunAsync(quick ? 2_000 : 20_000));
if (Runs("timer-burst")) results.AddRange(await TimerBurst.RunAsync(quick ? 2_000 : 40_000, quick ? 2_000 : 45_000, results.Single(r => r.Name == "durable-resumes").Value));
if (Runs("outbox-mail")) results.AddRange(await OutboxMail.RunAsync(quick ? 2_000 : 20_000));
// cold-start, quartz-timers and studio-api run the Release Host as a process: build it (incrementally) first.
var quartz = Runs("quartz-timers", "quartz-lateness-p99", "quartz-firings");
var studio = Runs("studio-api", "studio-list-1000", "studio-list-page-of-1000", "studio-open-100-activities");
if (Runs("cold-start") || quartz || studio) await HostBuild.RunAsync();
// Full runs start the apps as deployed (published ReadyToRun); quick runs their build output (no publish: stays under 2 minutes).
if (Runs("cold-start")) results.AddRange(await ColdStart.RunAsync(quick ? 3 : 7, published: !quick));
if (quartz) results.AddRange(await QuartzTimers.RunAsync(quick ? 1_000 : 45_000, quick ? 1_000 : 5_000, quick ? 1_000 : 5_000));
if (studio) results.AddRange(await StudioApi.RunAsync(quick ? 200 : 1_000));
// One and two engine nodes on one PostgreSQL database (--postgres "<connection string without a database>" or TEST_POSTGRES).
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("TEST_POSTGRES");
if (only is "postgres-nodes" or "postgres-resumes" || (only is null && postgres is not null)) results.AddRange(await PostgresNodes.RunAsync(postgres, quick ? 2_000 : 10_000));
foreach (var metric in results) Console.WriteLine(metric);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# total {total.Elapsed.TotalSeconds:F1} s"));
return results.All(r => r.Pass) ? 0 : 1;
