using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.TestSupport;
using Opiskeluhuolto.Workflows;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;


namespace Opiskeluhuolto.Bench;

/// <summary>One measured figure, printed as the line the issue asks for.</summary>
internal sealed record Metric(string Name, double Value, string Unit, string Target, double Ceiling, bool Pass)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"metric={Name} value={Value:0.##} unit={Unit} target={Target} ceiling={(Ceiling > 0 ? Ceiling.ToString("0.##", CultureInfo.InvariantCulture) : "-")} ratio={(Ceiling > 0 ? (Value / Ceiling).ToString("0.###", CultureInfo.InvariantCulture) : "-")} pass={(Pass ? "true" : "false")}");
}

/// <summary>The engine and the planning module on a fresh SQLite file (WAL, synchronous=FULL, as in production) with the system clock.</summary>
internal sealed class BenchEngine : IAsyncDisposable
{
    private BenchEngine(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public string Folder { get; }

    public ServiceProvider Services { get; }

    public static async Task<BenchEngine> CreateAsync(Action<IServiceCollection>? configure = null, WorkflowStorage? storage = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        configure?.Invoke(services);
        services.AddWorkflowEngine(storage ?? new WorkflowStorage(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "workflows.db")}"));
        // The planning module, as the Host has it: its activities (the shipped workflows use them) and its commit contributors.
        Opiskeluhuolto.Planning.PlanningServiceCollectionExtensions.AddPlanning(services);
        var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<WorkflowDatabase>();
        await database.RunExclusiveAsync(database.MigrateAsync);
        return new BenchEngine(folder, provider);
    }

    public async Task<WorkflowDefinitionRecord> PublishAsync(string json)
    {
        await Services.GetRequiredService<WorkflowDefinitionService>().ImportAsync(WorkflowDefinitionReader.Read(json));
        var definitionId = System.Text.Json.Nodes.JsonNode.Parse(json)!["definitionId"]!.GetValue<string>();
        await using var db = await Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        return await db.WorkflowDefinitions.AsNoTracking().SingleAsync(x => x.DefinitionId == definitionId && x.IsPublished);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>Bytes this process has read from and written to storage so far (Linux <c>/proc/self/io</c>; zeros elsewhere).</summary>
internal static class ProcessIo
{
    public static (long Read, long Written) Now()
    {
        if (!File.Exists("/proc/self/io")) return (0, 0);
        long read = 0, written = 0;
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith("read_bytes:", StringComparison.Ordinal)) read = long.Parse(line[11..], System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("write_bytes:", StringComparison.Ordinal)) written = long.Parse(line[12..], System.Globalization.CultureInfo.InvariantCulture);
        }

        return (read, written);
    }
}

/// <summary>Latency percentiles of a list of samples in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(List<double> samples, double percentile)
    {
        if (samples.Count == 0) return 0;
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>A real SMTP server on a loopback port that only counts what it accepts (no parsing: the sink must not be the bottleneck).</summary>
internal sealed class CountingSmtpSink : LoopbackSmtpServer
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>Counts a mail delivered some other way (a sender that only counts).</summary>
    public void Received() => Interlocked.Increment(ref _count);

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Received();
        return Task.FromResult(SmtpResponse.Ok);
    }
}
