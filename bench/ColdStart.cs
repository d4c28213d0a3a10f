using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Cold start: the built Host (Release) started as a process on an empty data folder, timed until its first successful
/// request (<c>/health/live</c>): database creation and migration, workflows-json import, Quartz start included. The
/// median of a few starts. The target is absolute (no same-run ceiling applies).
/// </summary>
internal static class ColdStart
{
    public static async Task<IReadOnlyList<Metric>> RunAsync(int runs)
    {
        var hostDll = FindHost();
        if (hostDll is null) return [new Metric("cold-start", 0, "s", "<=5 (build src/Host -c Release first)", 0, false)];
        var times = new List<double>();
        for (var i = 0; i < runs; i++) times.Add(await OnceAsync(hostDll));
        times.Sort();
        var median = times[times.Count / 2];
        return [new Metric("cold-start", median, "s", "<=5", 0, median <= 5)];
    }

    /// <summary>The admin key of the benchmark host (long enough for Production).</summary>
    internal const string ApiKey = "bench-admin-key-0123456789abcdef0123456789";

    /// <summary>Starts the built Host on a free loopback port with an empty data folder and the admin key <see cref="ApiKey"/>.</summary>
    internal static (Process Process, int Port) Start(string hostDll, string folder, IReadOnlyDictionary<string, string>? environment = null)
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
        var process = Process.Start(start)!;
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

    internal static string? FindHost()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Host", "bin", "Release", "net10.0", "Opiskeluhuolto.Host.dll");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static async Task<double> OnceAsync(string hostDll)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-cold-" + Guid.NewGuid().ToString("n"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        var (process, port) = Start(hostDll, folder);
        using var _ = process;
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await client.GetAsync($"http://127.0.0.1:{port}/health/live")).IsSuccessStatusCode) return watch.Elapsed.TotalSeconds;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(20);
            }

            return double.PositiveInfinity;
        }
        finally
        {
            await StopAsync(process, folder);
        }
    }
}
