using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Opiskeluhuolto.TestSupport.Host;

/// <summary>
/// The real Host on a fresh SQLite file in its own temp folder, with a fake clock and a generated admin key.
/// Each test creates its own (<c>await using var app = new TestApp();</c>).
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-host-tests-" + Guid.NewGuid().ToString("n"));
    private readonly string? _workflowsJson;
    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly string _environment;

    public TestApp(string? workflowsJsonFolder = null, IReadOnlyDictionary<string, string>? settings = null, DateTimeOffset? start = null, string environment = "Production")
    {
        _environment = environment;
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero));
        Directory.CreateDirectory(_folder);
        _workflowsJson = workflowsJsonFolder;
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string ApiKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// The TCP peer every request appears to come from (the test server has none of its own); may be changed between
    /// requests. Null leaves the connection without an address, as a Unix socket would.
    /// </summary>
    public System.Net.IPAddress? RemoteAddress { get; set; } = System.Net.IPAddress.Parse("192.0.2.10");

    public string DataFolder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // UseSetting applies before Program reads configuration (ConfigureAppConfiguration would come too late).
        builder.UseSetting("DataFolder", _folder);
        builder.UseSetting("Auth:AdminApiKey", ApiKey);
        builder.UseSetting("WorkflowsJson:Path", _workflowsJson ?? Path.Combine(_folder, "no-workflows-json"));
        builder.UseSetting("Server:BaseUrl", "https://opiskeluhuolto.test");
        builder.UseSetting("DataProtection:CertificatePath", TestCertificate.PfxPath);
        builder.UseSetting("Mail:PickupDirectory", Path.Combine(_folder, "mail-pickup"));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Time);
            // Background rounds are driven explicitly by tests.
            s.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new PeerAddress(this));
        });
    }

    /// <summary>A client that sends the admin API key.</summary>
    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ApiKey);
        return client;
    }

    /// <summary>Runs one background round (outbox, dispatch, late signals, timers).</summary>
    /// <summary>Runs every timer due up to <paramref name="until"/>, each at its own time on the fake clock, with the background work between.</summary>
    public async Task RunUntilAsync(DateTimeOffset until)
    {
        var contexts = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowsDbContext>>();
        for (var guard = 0; guard < 2000; guard++)
        {
            await RunBackgroundAsync();
            var now = Time.GetUtcNow();
            List<DateTimeOffset> dues;
            await using (var db = await contexts.CreateDbContextAsync())
                dues = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Bookmarks.Where(b => b.DueAt != null).Select(b => b.DueAt!.Value));
            if (dues.Any(d => d <= now)) continue;
            var next = dues.Where(d => d > now).Order().FirstOrDefault();
            if (next == default || next > until)
            {
                if (until > now) Time.SetUtcNow(until);
                await RunBackgroundAsync();
                return;
            }

            Time.SetUtcNow(next);
        }

        throw new InvalidOperationException("The timers did not settle.");
    }

    public Task RunBackgroundAsync() => Services.GetRequiredService<Workflows.Runtime.WorkflowBackgroundService>().RunRoundAsync();

    /// <summary>The repository's workflows-json folder (the shipped workflows).</summary>
    public static string WorkflowsJsonFolder() => Path.Combine(RepositoryRoot(), "workflows-json");

    /// <summary>The repository's root folder (where the solution is), found above the test folder.</summary>
    public static string RepositoryRoot() => Repository.Root;

    public static string TestData(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Imports a definition document and returns the stored definition.</summary>
    public async Task<JsonObject> ImportAsync(string json)
    {
        using var client = Admin();
        var response = await client.PostAsync("/elsa/api/workflow-definitions/import", Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Import failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

/// <summary>Gives each request the test's chosen peer address before any middleware reads it.</summary>
internal sealed class PeerAddress(TestApp app) : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => builder =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(builder, (context, following) =>
        {
            context.Connection.RemoteIpAddress = app.RemoteAddress;
            return following(context);
        });
        next(builder);
    };
}

public static class HttpExtensions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) => client.PostAsync(url, TestApp.Json(json));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode json) => client.PostAsync(url, TestApp.Json(json));

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) => client.PostAsJsonAsync(url, new { });
}
