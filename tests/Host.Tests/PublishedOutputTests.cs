using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The output of <c>dotnet publish -c Release</c>, made once for the class.</summary>
public sealed class PublishedOutput : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wf-published-" + Guid.NewGuid().ToString("n"));

    public string HostDll => Path.Combine(Folder, "Opiskeluhuolto.Host.dll");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(TestApp.RepositoryRoot(), "src", "Host", "Host.csproj");
        var publish = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "--nologo", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        publish.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await output} {await errors}");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The published service started as a plain process in Production, as systemd or a container runs it: with a
/// deployment's settings it reaches ready; without any one of them it refuses to start and names the key.
/// </summary>
public sealed class PublishedOutputTests(PublishedOutput published) : IClassFixture<PublishedOutput>
{
    private const string ApiKey = "published-admin-key-0123456789abcdef0123";

    private static Dictionary<string, string> Complete(string dataFolder, int smtpPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DataFolder"] = dataFolder,
        ["Auth__AdminApiKey"] = ApiKey,
        ["DataProtection__CertificatePath"] = TestCertificate.PfxPath,
        ["Server__BaseUrl"] = "https://opiskeluhuolto.hyvinvointialue.example",
        ["Server__ForwardedHeaders"] = "true",
        ["Server__KnownProxies__0"] = "127.0.0.1",
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts the published Host; <c>Started</c> completes when it says so (or when it ends), <c>Output</c> when it has ended.</summary>
    private (Process Process, int Port, Task<string> Output, Task Started) Start(Dictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [published.HostDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = published.Folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Enqueue(line);
                if (line.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
            }
        }

        var output = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError)).ContinueWith(_ =>
        {
            started.TrySetResult();
            return string.Join("\n", lines);
        }, TaskScheduler.Default);
        return (process, port, output, started.Task);
    }

    [Fact]
    public async Task WithADeploymentsSettings_ItReachesReady_ServesTheStudioAndTheApiToTheKey()
    {
        await using var sink = new SmtpSink();
        var folder = Path.Combine(Path.GetTempPath(), "wf-published-data-" + Guid.NewGuid().ToString("n"));
        var (process, port, output, started) = Start(Complete(folder, sink.Port));
        try
        {
            // The process says when it serves; then it must be ready at once.
            await started.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.False(process.HasExited, "the Host ended during start-up");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/workflow-definitions");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", ApiKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/studio/_framework/blazor.webassembly.js")).StatusCode); // the Studio package is published
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
            Assert.True(Directory.EnumerateFiles(Path.Combine(folder, "keys")).Any(f => File.ReadAllText(f).Contains("EncryptedKey", StringComparison.Ordinal)), "the key ring is encrypted with the certificate");
            // The container's health check.
            Assert.Equal(0, await ProbeAsync($"http://127.0.0.1:{port}/health/ready"));
            Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{FreePort()}/health/ready"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            _ = await output;
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<int> ProbeAsync(string url)
    {
        using var probe = Process.Start(new ProcessStartInfo("dotnet", [published.HostDll, "probe", url]) { WorkingDirectory = published.Folder, RedirectStandardOutput = true })!;
        await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return probe.ExitCode;
    }

    [Theory]
    [InlineData("DataProtection__CertificatePath", "DataProtection:CertificatePath")]
    [InlineData("Server__BaseUrl", "Server:BaseUrl")]
    [InlineData("Smtp__Host", "Smtp:Host")]
    [InlineData("Auth__AdminApiKey", "Auth:AdminApiKey")]
    [InlineData("Server__KnownProxies__0", "Server:KnownProxies")]
    public async Task WithoutOneRequiredSetting_ItRefusesToStart_NamingTheKey(string variable, string key)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-published-data-" + Guid.NewGuid().ToString("n"));
        var environment = Complete(folder, FreePort());
        environment.Remove(variable);
        var (process, _, output, _) = Start(environment);
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains(key, await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
