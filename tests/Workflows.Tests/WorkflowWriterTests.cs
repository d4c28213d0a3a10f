using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>
/// The SQLite writer commits the writes that queue up behind one transaction together; each write must still succeed
/// or fail on its own, and a write its caller gave up on before it started must not happen.
/// </summary>
public sealed class WorkflowWriterTests
{
    private static WriteWork<int> Insert(string kind, string payload = "{}") => (connection, transaction, _) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Outbox" ("Kind", "Payload", "CreatedAt", "Attempts", "NextAttemptAt", "IsDeadLetter") VALUES ($kind, $payload, 0, 0, 0, 0)
            """;
        foreach (var (name, value) in new[] { ("$kind", kind), ("$payload", payload) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command.ExecuteNonQueryAsync();
    };

    private static async Task<List<string>> KindsAsync(EngineHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        return await db.Outbox.Select(m => m.Kind).OrderBy(k => k).ToListAsync();
    }

    /// <summary>Holds the writer inside a write until released, so that the writes queued meanwhile form one group.</summary>
    private static (Task<int> Held, TaskCompletionSource Release) HoldWriter(WorkflowWriter writer)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = writer.WriteAsync(async (connection, transaction, ct) =>
        {
            entered.SetResult();
            await release.Task;
            return await Insert("held")(connection, transaction, ct);
        });
        entered.Task.Wait(TimeSpan.FromSeconds(30));
        return (held, release);
    }

    [Fact]
    public async Task WritesQueuedTogether_OneFails_OnlyThatOneIsRolledBack()
    {
        await using var host = await EngineHost.StartAsync();
        var writer = host.Services.GetRequiredService<WorkflowWriter>();
        var (held, release) = HoldWriter(writer);

        var writes = Enumerable.Range(0, 20).Select(i => i == 7
            ? writer.WriteAsync<int>(async (connection, transaction, ct) =>
            {
                await Insert("failing")(connection, transaction, ct);
                throw new InvalidOperationException("this write fails after its insert");
            })
            : writer.WriteAsync(Insert($"w{i:00}"))).ToList();
        release.SetResult();
        await held;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[7]);
        Assert.Equal("this write fails after its insert", failure.Message);
        foreach (var write in writes.Where((_, i) => i != 7)) Assert.Equal(1, await write);
        var kinds = await KindsAsync(host);
        Assert.DoesNotContain("failing", kinds);
        Assert.Equal(["held", .. Enumerable.Range(0, 20).Where(i => i != 7).Select(i => $"w{i:00}")], kinds);
    }

    [Fact]
    public async Task WriteCancelledBeforeItStarts_DoesNotHappen_WhileTheOthersDo()
    {
        await using var host = await EngineHost.StartAsync();
        var writer = host.Services.GetRequiredService<WorkflowWriter>();
        var (held, release) = HoldWriter(writer);
        using var cancel = new CancellationTokenSource();
        var cancelled = writer.WriteAsync(Insert("cancelled"), cancel.Token);
        var kept = writer.WriteAsync(Insert("kept"));
        await cancel.CancelAsync();
        release.SetResult();
        await held;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, await kept);
        Assert.Equal(["held", "kept"], await KindsAsync(host));
    }

    [Fact]
    public async Task TwoCommitsOfOneRevision_InOneGroup_TheSecondIsAConflict()
    {
        // In one process the runtime already runs one burst per instance at a time; the revision check inside a group
        // is what still holds when two bursts of one instance reach the writer together (e.g. from two engines).
        await using var host = await EngineHost.StartAsync();
        var definition = Flow.Definition("racer", Flow.Chart(
            [Flow.Node("s", "Elsa.Start"), Flow.Event("wait", "Go"), Flow.Line("after", "jatkuu")],
            [Flow.Connect("s", "wait"), Flow.Connect("wait", "after")]));
        await host.ImportAsync(definition);
        var id = (await host.StartAsync("racer")).State.Id;
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var loaded = (await store.LoadAsync(id))!;
        var graph = host.Services.GetRequiredService<Runtime.WorkflowGraphCache>().Build(Serialization.WorkflowDefinitionReader.Read(definition));
        var services = new Runtime.WorkflowExecutionServices(host.Services.GetRequiredService<Activities.ActivityRegistry>(),
            host.Services.GetRequiredService<Expressions.IExpressionEvaluator>(), host.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Runtime.WorkflowExecutionContext Burst() => Runtime.WorkflowExecutionContext.FromState(graph, services, loaded.State, null);

        var (held, release) = HoldWriter(host.Services.GetRequiredService<WorkflowWriter>());
        var first = store.CommitAsync(Burst(), loaded.Revision);
        var second = store.CommitAsync(Burst(), loaded.Revision);
        release.SetResult();
        await held;

        Assert.Equal(2, await first);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second);
        Assert.Equal(2, (await store.LoadAsync(id))!.Revision);
    }

    [Fact]
    public async Task CommittedPages_ReachTheDatabaseFile_OnceTheCheckpointIntervalHasPassed()
    {
        await using var host = await EngineHost.StartAsync();
        var writer = host.Services.GetRequiredService<WorkflowWriter>();
        // Held open throughout, as a running service always has one: SQLite also checkpoints when the last connection to
        // a file closes, which another test clearing the connection pools could otherwise cause here at any moment.
        await using var keepOpen = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath};Pooling=false");
        await keepOpen.OpenAsync();
        var scheduled = writer.CheckpointScheduled;
        var done = writer.CheckpointDone;
        var before = new FileInfo(host.DatabasePath).Length;

        var payload = new string('x', 4_000);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => writer.WriteAsync(Insert("big", payload))));
        await scheduled.WaitAsync(TimeSpan.FromSeconds(30));

        // Committed, durable in the write-ahead log, not yet in the database file: the writer did not stop to copy it.
        Assert.Equal(before, new FileInfo(host.DatabasePath).Length);
        host.Time.Advance(TimeSpan.FromMilliseconds(250));
        await done.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(new FileInfo(host.DatabasePath).Length >= before + 300 * 4_000, "the checkpoint copied the committed pages");
        Assert.Equal(300, (await KindsAsync(host)).Count(k => k == "big"));
    }
}
