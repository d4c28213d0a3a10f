using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Cold start: the built Host (Release) started as a process on an empty data folder, timed until <c>/health/ready</c>
/// answers (database creation and migration, workflows-json import, Quartz started and its store answering). Ceiling: a
/// bare minimal-API app with one endpoint (<c>bench/BareHost</c>) started the same way, the two alternating, in the same
/// run; the ratio is Host ÷ bare (medians of a few starts each).
/// </summary>
internal static class ColdStart
{
    public static async Task<IReadOnlyList<Metric>> RunAsync(int runs, bool published)
    {
        var hostDll = FindHost();
        var bareDll = FindBuilt(Path.Combine("bench", "BareHost", "bin", "Release", "net10.0", "Opiskeluhuolto.Bench.BareHost.dll"));
        var how = "build output";
        string? folder = null;
        if (published && FollowUpStarts.FindRepository() is { } root)
        {
            // As deployed (the Dockerfile's publish): ReadyToRun for this machine's runtime identifier, both apps alike.
            folder = Path.Combine(Path.GetTempPath(), "wf-cold-published-" + Guid.NewGuid().ToString("n"));
            hostDll = Path.Combine(folder, "host", "Opiskeluhuolto.Host.dll");
            bareDll = Path.Combine(folder, "bare", "Opiskeluhuolto.Bench.BareHost.dll");
            await HostBuild.PublishAsync(root, Path.Combine(root, "src", "Host"), Path.GetDirectoryName(hostDll)!);
            await HostBuild.PublishAsync(root, Path.Combine(root, "bench", "BareHost"), Path.GetDirectoryName(bareDll)!);
            how = $"published ReadyToRun ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})";
        }

        if (hostDll is null || bareDll is null) return [new Metric("cold-start", 0, "s", "ratio<=3 (build src/Host and bench/BareHost -c Release first)", 0, false)];
        var host = new List<(double Seconds, double Cpu, string Steps)>();
        var bare = new List<(double Seconds, double Cpu, string Steps)>();
        for (var i = 0; i < runs; i++)
        {
            bare.Add(await OnceAsync(bareDll));
            host.Add(await OnceAsync(hostDll));
        }

        if (folder is not null) Directory.Delete(folder, recursive: true);
        var hostMedian = Median(host.ConvertAll(s => s.Seconds));
        var bareMedian = Median(bare.ConvertAll(s => s.Seconds));
        Console.WriteLine($"# cold starts, {how} (s): Host {string.Join(" ", host.Select(s => s.Seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}; bare {string.Join(" ", bare.Select(s => s.Seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        // The CPU a start takes is steadier than its wall time on a noisy machine, and says how far parallel work could go:
        // on 2 cores a start can take no less wall time than half its CPU time.
        Console.WriteLine(FormattableString.Invariant($"# cold-start CPU until ready (median, all threads): Host {Median(host.ConvertAll(s => s.Cpu)):F2} s, bare {Median(bare.ConvertAll(s => s.Cpu)):F2} s"));
        // Where the median start spent its time, as the Host logs it (its own clock, from the process's start).
        Console.WriteLine($"# the median Host start by step: {host.OrderBy(s => s.Seconds).ElementAt(host.Count / 2).Steps}");
        return [new Metric("cold-start", hostMedian, "s", "ratio<=3 (until /health/ready; ceiling: a bare minimal API started the same way)", bareMedian, hostMedian <= 3 * bareMedian)];
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The admin key of the benchmark host (long enough for Production).</summary>
    internal const string ApiKey = "bench-admin-key-0123456789abcdef0123456789";

    /// <summary>Starts the built Host on a free loopback port with an empty data folder and the admin key <see cref="ApiKey"/>.</summary>
    internal static (Process Process, int Port) Start(string hostDll, string folder, IReadOnlyDictionary<string, string>? environment = null, Action<string>? output = null)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataFolder"] = folder;
        start.Environment["Auth__AdminApiKey"] = ApiKey;
        // A deployment's settings: the key ring encrypted with a certificate, a public address, mail to a folder.
        start.Environment["DataProtection__CertificatePath"] = Opiskeluhuolto.TestSupport.TestCertificate.PfxPath;
        start.Environment["Server__BaseUrl"] = "https://opiskeluhuolto.bench";
        start.Environment["Mail__PickupDirectory"] = Path.Combine(folder, "mail-pickup");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        if (output is not null) process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, port);
    }

    /// <summary>Kills the Host and removes its data folder.</summary>
    internal static async Task StopAsync(Process process, string folder)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    internal static string? FindHost() => FindBuilt(Path.Combine("src", "Host", "bin", "Release", "net10.0", "Opiskeluhuolto.Host.dll"));

    private static string? FindBuilt(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>
    /// One start until ready: the seconds, the CPU seconds the process used until then (all its threads), and the Host's
    /// own log of its steps (empty for the bare app).
    /// </summary>
    private static async Task<(double Seconds, double Cpu, string Steps)> OnceAsync(string hostDll)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-cold-" + Guid.NewGuid().ToString("n"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();
        var (process, port) = Start(hostDll, folder, output: line =>
        {
            // The console logger writes the message on the line after the category.
            if (line.Contains("Initialised: ", StringComparison.Ordinal) || line.Contains("Started in ", StringComparison.Ordinal)) logged.Enqueue(line.Trim());
        });
        string Steps() => string.Join("; ", logged);
        using var _ = process;
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await client.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode)
                    {
                        var seconds = watch.Elapsed.TotalSeconds;
                        process.Refresh();
                        return (seconds, process.TotalProcessorTime.TotalSeconds, Steps());
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(10);
            }

            return (double.PositiveInfinity, double.PositiveInfinity, Steps());
        }
        finally
        {
            await StopAsync(process, folder);
        }
    }
}
