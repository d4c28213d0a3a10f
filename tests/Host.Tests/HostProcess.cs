using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The real Host started as a child process (so tests can kill it with SIGKILL) on a data folder of the test's.</summary>
internal sealed record HostProcess(Process Process, HttpClient Client) : IDisposable
{
    /// <summary>Starts the Host on a free loopback port with <paramref name="environment"/> and waits until it serves.</summary>
    public static async Task<HostProcess> StartAsync(string dataFolder, string apiKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        // A free port found by probing can be taken by another test before the Host binds it: then try another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(dataFolder, apiKey, environment);
            }
            catch (HostStartException e) when (attempt < 3 && e.PortTaken)
            {
                // Next attempt, next port.
            }
        }
    }

    private static async Task<HostProcess> StartOnFreePortAsync(string dataFolder, string apiKey, IReadOnlyDictionary<string, string>? environment)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var hostDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataFolder"] = dataFolder;
        start.Environment["Auth__AdminApiKey"] = apiKey;
        start.Environment["WorkflowsJson__Path"] = Path.Combine(dataFolder, "none");
        start.Environment["Server__BaseUrl"] = "https://opiskeluhuolto.test";
        start.Environment["DataProtection__CertificatePath"] = TestCertificate.PfxPath;
        start.Environment["Mail__PickupDirectory"] = Path.Combine(dataFolder, "mail-pickup");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        // The last lines the process wrote, so a failed start says why.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 60) output.TryDequeue(out _);
        }

        process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // returns once the redirected output is read to its end
            var said = string.Join("\n", output);
            ready.TrySetException(new HostStartException($"The Host process exited during start-up (code {process.ExitCode}):\n{said}",
                said.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || said.Contains("Failed to bind", StringComparison.OrdinalIgnoreCase)));
        };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        return new HostProcess(process, client);
    }

    /// <summary>Asks the process to stop (SIGTERM, as systemd or Kubernetes do) and waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await Process.WaitForExitAsync().WaitAsync(timeout);
        return Process.ExitCode;
    }

    /// <summary>Kills the process and its children (SIGKILL) and waits for the exit.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}

/// <summary>The Host process ended before it served; <see cref="PortTaken"/> when another process had its port.</summary>
internal sealed class HostStartException(string message, bool portTaken) : Exception(message)
{
    public bool PortTaken { get; } = portTaken;
}
