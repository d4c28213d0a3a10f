using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Opiskeluhuolto.Workflows;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.TestSupport;

/// <summary>An engine on a fresh SQLite file in a temp folder, with a fake clock. Each test builds its own.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _ownedPostgresDatabase;
    private readonly bool _shared;

    private EngineHost(string folder, ServiceProvider services, FakeTimeProvider time, string? ownedPostgresDatabase, bool shared)
    {
        _folder = folder;
        _shared = shared;
        Services = services;
        Time = time;
        _ownedPostgresDatabase = ownedPostgresDatabase;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public string DatabasePath => Path.Combine(_folder, "workflows.db");

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public WorkflowDefinitionService Definitions => Services.GetRequiredService<WorkflowDefinitionService>();

    public WorkflowBackgroundService Background => Services.GetRequiredService<WorkflowBackgroundService>();

    public static Task<EngineHost> StartAsync(Action<IServiceCollection>? configure = null) => StartAsync(DatabaseProvider.Sqlite, configure);

    /// <summary>
    /// An engine on <paramref name="provider"/>: a fresh database of its own, or the one of <paramref name="shareWith"/>
    /// (a second node on the same database; SQLite: the same file).
    /// </summary>
    public static async Task<EngineHost> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null, EngineHost? shareWith = null)
    {
        var folder = shareWith?._folder ?? Path.Combine(Path.GetTempPath(), "wf-tests-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<RecordingEffects>();
        services.AddSingleton<IWorkflowEffectHandler>(sp => sp.GetRequiredService<RecordingEffects>());
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingEffects>());
        services.AddSingleton<IScriptFunctions, FakeScriptFunctions>();
        // The tests read dates as the deployments do: in Helsinki time.
        services.Configure<WorkflowEngineOptions>(o => o.TimeZone = "Europe/Helsinki");
        string? owned = null;
        var storage = provider == DatabaseProvider.PostgreSql
            ? new WorkflowStorage(provider, shareWith?.Services.GetRequiredService<WorkflowStorage>().ConnectionString ?? (owned = TestPostgres.NewDatabase("engine")))
            : new WorkflowStorage(provider, $"Data Source={Path.Combine(folder, "workflows.db")}");
        services.AddWorkflowEngine(storage);
        configure?.Invoke(services);
        var built = services.BuildServiceProvider();
        var database = built.GetRequiredService<WorkflowDatabase>();
        await database.RunExclusiveAsync(database.MigrateAsync);
        return new EngineHost(folder, built, time, owned, shared: shareWith is not null);
    }

    /// <summary>This node's id.</summary>
    public string NodeId => Services.GetRequiredService<WorkflowStorage>().NodeId;

    public static string TestData(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));

    public Task<WorkflowDefinition> ImportAsync(string json) => Definitions.ImportAsync(WorkflowDefinitionReader.Read(json));

    public async Task<RunResult> StartAsync(string definitionId, Dictionary<string, object?>? input = null, string? correlationId = null)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var version = db.WorkflowDefinitions.Single(x => x.DefinitionId == definitionId && x.IsPublished);
        return await Runtime.StartAsync(version, new StartWorkflowRequest { Input = input, CorrelationId = correlationId });
    }

    public async Task<WorkflowState> LoadAsync(string instanceId) => (await Services.GetRequiredService<WorkflowStore>().LoadAsync(instanceId))!.State;

    public async Task<List<ExecutionLogRecord>> JournalAsync(string instanceId)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        return db.ExecutionLog.Where(x => x.WorkflowInstanceId == instanceId).OrderBy(x => x.Sequence).AsEnumerable()
            .Select(x => System.Text.Json.JsonSerializer.Deserialize<ExecutionLogRecord>(x.Data, WorkflowJson.Options)!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownedPostgresDatabase is not null) await TestPostgres.DropAsync(_ownedPostgresDatabase);
        SqliteConnection.ClearAllPools();
        if (_shared) return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizer is removed with the temp folder later.
        }
    }
}

/// <summary>Sees every effect before the engine handles it (registered first), and stands in for the e-mail sender.</summary>
public sealed class RecordingEffects : IWorkflowEffectHandler, IEmailSender
{
    public Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken) => Task.CompletedTask;

    public List<WorkflowEffect> Handled { get; } = [];

    /// <summary>
    /// A module's effects (types from outside the engine) have no handler here: this one takes them, as the Host's
    /// handlers would. The engine's own effects are recorded and left to the engine.
    /// </summary>
    public bool CanHandle(WorkflowEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (effect.GetType().Assembly != typeof(WorkflowEffect).Assembly) return true;
        lock (Handled) Handled.Add(effect);
        return false;
    }

    public Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        lock (Handled) Handled.Add(effect);
        return Task.CompletedTask;
    }

    public List<T> Of<T>() where T : WorkflowEffect
    {
        lock (Handled) return Handled.OfType<T>().ToList();
    }
}

/// <summary>Stands in for the host's signed-link function so that example workflows can render their mails.</summary>
public sealed class FakeScriptFunctions : IScriptFunctions
{
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions { get; } =
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>>
        {
            ["createEventTriggerUrl"] = (ctx, args) => $"https://test.invalid/elsa/api/events/trigger?t={args[0]}.{ctx.Workflow.InstanceId}",
        };
}
