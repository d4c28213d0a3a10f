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
// First: its peak RSS is the whole process's.
if (only is null or "follow-up-starts") results.AddRange(await FollowUpStarts.RunAsync(quick ? 2_000 : 40_000));
if (only is null or "bulk-dispatch") results.AddRange(await BulkDispatch.RunAsync(quick ? 1_000 : 10_000));
if (only is null or "durable-resumes") results.AddRange(await DurableResumes.RunAsync(quick ? 2_000 : 20_000));
if (only is null or "outbox-mail") results.AddRange(await OutboxMail.RunAsync(quick ? 2_000 : 20_000));
// cold-start, quartz-timers and studio-api run the Release Host as a process: build it (incrementally) first.
if (only is null or "cold-start" or "quartz-timers" or "studio-api") await HostBuild.RunAsync();
if (only is null or "cold-start") results.AddRange(await ColdStart.RunAsync(quick ? 3 : 7));
if (only is null or "quartz-timers") results.AddRange(await QuartzTimers.RunAsync(quick ? 1_000 : 45_000, quick ? 1_000 : 5_000, quick ? 1_000 : 5_000));
if (only is null or "studio-api") results.AddRange(await StudioApi.RunAsync(quick ? 200 : 1_000));
// One and two engine nodes on one PostgreSQL database (--postgres "<connection string without a database>" or TEST_POSTGRES).
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("TEST_POSTGRES");
if (only is "postgres-nodes" || (only is null && postgres is not null)) results.AddRange(await PostgresNodes.RunAsync(postgres, quick ? 2_000 : 10_000));
foreach (var metric in results) Console.WriteLine(metric);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# total {total.Elapsed.TotalSeconds:F1} s"));
return results.All(r => r.Pass) ? 0 : 1;
