using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Opiskeluhuolto.Bench;

/// <summary>The Release Host as a process on an empty data folder, with an admin client; disposing kills it and removes the folder.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly Process _process;

    private BenchHost(Process process, string folder, HttpClient client)
    {
        _process = process;
        Folder = folder;
        Client = client;
    }

    public string Folder { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the built Host and waits until it answers; null when <c>src/Host</c> has no Release build.</summary>
    public static async Task<BenchHost?> StartAsync(string name)
    {
        var hostDll = ColdStart.FindHost();
        if (hostDll is null) return null;
        var folder = Path.Combine(Path.GetTempPath(), $"wf-{name}-" + Guid.NewGuid().ToString("n"));
        var (process, port) = ColdStart.Start(hostDll, folder, new Dictionary<string, string>
        {
            ["WorkflowsJson__Path"] = Path.Combine(folder, "none"), ["Logging__LogLevel__Default"] = "Warning",
        });
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ColdStart.ApiKey);
        var host = new BenchHost(process, folder, client);
        await host.WaitUntilLiveAsync();
        return host;
    }

    /// <summary>POSTs JSON; throws with the answer when it is not a success.</summary>
    public async Task PostAsync(string path, string json)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task WaitUntilLiveAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await Client.GetAsync("/health/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The Host did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ColdStart.StopAsync(_process, Folder);
    }
}
