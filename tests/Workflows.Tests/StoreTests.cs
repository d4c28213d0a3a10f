using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Persistence.PostgreSql;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>
/// The store's contract, run on SQLite and on a real PostgreSQL: commits and loads, optimistic concurrency, bookmarks,
/// and two nodes on one database (resuming, draining the outbox, recovering a gone node's claims).
/// </summary>
public sealed class StoreTests
{
    private static JsonObject Mail(string subject) => Node("mail", "Elsa.SendEmail", new JsonObject
    {
        ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"jasen@kunta.example\"]" } },
        ["subject"] = Literal("String", subject),
        ["body"] = Literal("String", "<p>Ääkköset säilyvät</p>"),
    });

    private static readonly string Waiter = Definition("waiter", Chart(
        [Node("s", "Elsa.Start"), Mail("Kutsu"), Event("wait", "Go"), Line("after", "jatkuu")],
        [Connect("s", "mail"), Connect("mail", "wait"), Connect("wait", "after")]));

    private static Task<EngineHost> StartAsync(DatabaseProvider provider, EngineHost? shareWith = null, CountingSender? sender = null) =>
        EngineHost.StartAsync(provider, s =>
        {
            if (sender is not null) s.AddSingleton<IEmailSender>(sender);
        }, shareWith);

    private static async Task<WorkflowsDbContext> DbAsync(EngineHost host) =>
        await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task CommitAndLoad_StateBookmarksJournalAndOutbox_RoundTrip(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        await host.ImportAsync(Waiter);
        var started = await host.StartAsync("waiter", correlationId: "kierros-2026");

        var loaded = await host.LoadAsync(started.State.Id);
        Assert.Equal("kierros-2026", loaded.CorrelationId);
        Assert.Equal(WorkflowSubStatus.Suspended, loaded.SubStatus);
        await using (var db = await DbAsync(host))
        {
            Assert.Equal("kierros-2026", (await db.Bookmarks.SingleAsync()).CorrelationId);
            Assert.Contains("Ääkköset", (await db.Outbox.SingleAsync()).Payload, StringComparison.Ordinal);
        }

        var affected = await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, correlationId: "kierros-2026"));

        Assert.Equal([started.State.Id], affected);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
        Assert.Contains(await host.JournalAsync(started.State.Id), r => r.ActivityId == "after" && r.EventName == "Completed");
        await using (var db = await DbAsync(host)) Assert.Equal(0, await db.Bookmarks.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task Commit_OnAStaleRevision_IsRefused(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        await host.ImportAsync(Waiter);
        var started = await host.StartAsync("waiter");
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var first = (await store.LoadAsync(started.State.Id))!;
        Assert.Equal(1, first.Revision);

        // Another burst commits first...
        await host.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, workflowInstanceId: started.State.Id));

        // ...so a commit based on the old revision must not overwrite it.
        var graph = host.Services.GetRequiredService<WorkflowGraphCache>().Build(Serialization.WorkflowDefinitionReader.Read(Waiter));
        var stale = WorkflowExecutionContext.FromState(graph, new WorkflowExecutionServices(
            host.Services.GetRequiredService<Activities.ActivityRegistry>(), host.Services.GetRequiredService<Expressions.IExpressionEvaluator>(), host.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), first.State, null);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(stale, first.Revision));
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task TwoNodes_DeliverTheSameEventAtOnce_EachInstanceResumesOnce(DatabaseProvider provider)
    {
        await using var a = await StartAsync(provider);
        await using var b = await StartAsync(provider, shareWith: a);
        await a.ImportAsync(Waiter);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++) ids.Add((await a.StartAsync("waiter", correlationId: $"c{i}")).State.Id);

        // Both nodes get every event at the same moment (a retried webhook reaching two nodes behind a balancer).
        await Task.WhenAll(Enumerable.Range(0, 20).SelectMany(i => new[] { a, b }.Select(node => Task.Run(() => node.Runtime.DeliverAsync(Stimulus.ForEvent("Go", null, correlationId: $"c{i}") with { QueueIfUnmatched = false })))));

        foreach (var id in ids)
        {
            Assert.Equal(WorkflowSubStatus.Finished, (await a.LoadAsync(id)).SubStatus);
            Assert.Single(await a.JournalAsync(id), r => r.ActivityId == "after" && r.EventName == "Completed");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task TwoNodes_DrainOneOutbox_EveryMessageSentOnce(DatabaseProvider provider)
    {
        var sent = new CountingSender();
        await using var a = await StartAsync(provider, sender: sent);
        await using var b = await StartAsync(provider, shareWith: a, sender: sent);
        var store = a.Services.GetRequiredService<WorkflowStore>();
        for (var i = 0; i < 200; i++)
            await store.EnqueueAsync(new SendEmailEffect($"m{i}@test", "i", null, ["jasen@kunta.example"], [], [], $"Muistutus {i}", "<p>x</p>"), a.Time.GetUtcNow());

        var drained = await Task.WhenAll(
            Task.Run(() => a.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync()),
            Task.Run(() => b.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync()));

        Assert.Equal(200, drained.Sum());
        Assert.Equal(200, sent.Ids.Count);
        Assert.Equal(200, sent.Ids.Distinct().Count());
        await using var db = await DbAsync(a);
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task ClaimOfANode_IsRecoveredOnlyOnceThatNodeIsGone(DatabaseProvider provider)
    {
        await using var a = await StartAsync(provider);
        await using var b = await StartAsync(provider, shareWith: a);
        await a.Services.GetRequiredService<ClusterNodes>().HeartbeatAsync();
        await b.Services.GetRequiredService<ClusterNodes>().HeartbeatAsync();
        await a.Services.GetRequiredService<WorkflowStore>().EnqueueAsync(
            new SendEmailEffect("m@test", "i", null, ["jasen@kunta.example"], [], [], "Muistutus", "<p>x</p>"), a.Time.GetUtcNow());
        await using (var db = await DbAsync(a))
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, a.Time.GetUtcNow()).SetProperty(m => m.ClaimedBy, a.NodeId));
        var recovery = b.Services.GetRequiredService<OutboxProcessor>();

        if (provider == DatabaseProvider.PostgreSql)
        {
            // Node a is alive (recent heartbeat): its claim is its own business.
            Assert.Equal(0, await recovery.RecoverClaimsAsync());
            b.Time.Advance(TimeSpan.FromSeconds(61)); // a has been silent longer than Cluster:NodeTimeout
        }

        // On SQLite there is one process: every claim but its own is a crashed predecessor's.
        Assert.Equal(1, await recovery.RecoverClaimsAsync());
        await using var after = await DbAsync(a);
        var message = await after.Outbox.SingleAsync();
        Assert.True(message.IsDeadLetter);
        Assert.Null(message.ClaimedBy);
        Assert.StartsWith("Delivery uncertain", message.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [OnPostgreSql]
    public async Task WorkflowPublishedAsActivityOnOneNode_BecomesAnActivityTypeOnTheOther(DatabaseProvider provider)
    {
        await using var a = await StartAsync(provider);
        await using var b = await StartAsync(provider, shareWith: a);
        await b.Definitions.RefreshActivityTypesAsync();
        var registry = b.Services.GetRequiredService<Activities.ActivityRegistry>();
        Assert.Null(registry.Find("CheckPlan"));
        Assert.False(await b.Definitions.RefreshActivityTypesIfChangedAsync());

        await a.ImportAsync(new JsonObject
        {
            ["id"] = "child-v1", ["definitionId"] = "child", ["name"] = "Check Plan", ["version"] = 1, ["isPublished"] = true,
            ["options"] = new JsonObject { ["usableAsActivity"] = true },
            ["root"] = Chart([Line("x")], [], "childflow"),
        }.ToJsonString());

        Assert.True(await b.Definitions.RefreshActivityTypesIfChangedAsync());
        Assert.NotNull(registry.Find("CheckPlan"));
    }

    [Fact]
    public void Migrations_OfBothProviders_MatchTheModel()
    {
        using var sqlite = new WorkflowsDbContext(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlWorkflowsDbContext(new DbContextOptionsBuilder<PostgreSqlWorkflowsDbContext>().UseNpgsql("Host=localhost;Database=model_check").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations lag behind the model: dotnet ef migrations add … --context WorkflowsDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag behind the model: dotnet ef migrations add … --context PostgreSqlWorkflowsDbContext");
        Assert.Equal(sqlite.Database.GetMigrations().Count() > 0, postgres.Database.GetMigrations().Any());
    }

    private sealed class CountingSender : IEmailSender
    {
        public ConcurrentBag<string> Ids { get; } = [];

        public Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
        {
            Ids.Add(message.MessageId);
            return Task.CompletedTask;
        }
    }
}
