using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class OutboxRecoveryTests
{
    private static JsonObject Mail() => Node("mail", "Elsa.SendEmail", new JsonObject
    {
        ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"a@kunta.example\"]" } },
        ["subject"] = Literal("String", "Muistutus"),
        ["body"] = Literal("String", "<p>x</p>"),
    });

    private static async Task<OutboxMessage> CrashedWhileSendingAsync(EngineHost host)
    {
        await host.ImportAsync(Definition("wf", Chart([Mail()], [])));
        await host.StartAsync("wf");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var message = await db.Outbox.SingleAsync();
        // A dispatcher claimed it and the process died before it could record the outcome.
        await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, host.Time.GetUtcNow()));
        return message;
    }

    [Fact]
    public async Task Recover_ClaimedMailOnSmtpLikeSender_IsDeadLetteredAsUncertainNotResent()
    {
        await using var host = await EngineHost.StartAsync();
        var message = await CrashedWhileSendingAsync(host);
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        Assert.Equal(0, await processor.ProcessDueAsync());
        Assert.Equal(1, await processor.RecoverClaimsAsync());
        Assert.Equal(0, await processor.ProcessDueAsync());

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var stored = await db.Outbox.SingleAsync(m => m.Id == message.Id);
        Assert.True(stored.IsDeadLetter);
        Assert.Null(stored.ClaimedAt);
        Assert.StartsWith("Delivery uncertain", stored.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_ClaimedMailOnIdempotentSender_IsReleasedAndDelivered()
    {
        var sender = new IdempotentSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        await CrashedWhileSendingAsync(host);
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        await processor.RecoverClaimsAsync();
        await processor.ProcessDueAsync();

        Assert.Equal(1, sender.Sent);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Outbox.ToListAsync());
    }

    [Fact]
    public async Task MailsOfOneInstance_GoOneAfterTheOther_EachClaimedBeforeItsSend_AndAFailureIsRetriedLater()
    {
        // The outcome of one mail is written with the claim of the next, and no lane starts a mail while an older one
        // of the same instance is in flight: while a mail is being sent it is the only claimed row and every mail before
        // it is settled (sent ones deleted, the failed one back in the queue for later, not holding up the rest).
        var sender = new ObservingSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        sender.Observe = async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.Outbox.CountAsync(m => m.ClaimedAt != null), await db.Outbox.CountAsync());
        };
        for (var i = 0; i < 5; i++)
            await store.EnqueueAsync(new SendEmailEffect($"m{i}@test", "wf", null, [i == 2 ? "fails@kunta.example" : $"m{i}@kunta.example"], [], [], "Muistutus", "<p>x</p>"), host.Time.GetUtcNow(), "wf-1");

        Assert.Equal(4, await host.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync());

        Assert.Equal(["m0@test", "m1@test", "m2@test", "m3@test", "m4@test"], sender.Attempted);
        Assert.All(sender.Observed, o => Assert.Equal(1, o.Claimed));
        // Rows left while sending m0…m4: the failed m2 stays, sent ones go.
        Assert.Equal([5, 4, 3, 3, 2], sender.Observed.Select(o => o.Rows));
        await using var check = await contexts.CreateDbContextAsync();
        var left = await check.Outbox.SingleAsync();
        Assert.Equal(1, left.Attempts);
        Assert.False(left.IsDeadLetter);
        Assert.Null(left.ClaimedAt);
        Assert.True(left.NextAttemptAt > host.Time.GetUtcNow());
    }

    [Fact]
    public async Task MailsOfDifferentInstances_GoSideBySide_InTwoLanes()
    {
        var sender = new ObservingSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        var bothInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Observe = async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            var claimed = await db.Outbox.CountAsync(m => m.ClaimedAt != null);
            if (claimed == 2) bothInFlight.TrySetResult();
            // The first of the two waits until the other lane has claimed its own mail.
            await bothInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return (claimed, 0);
        };
        await store.EnqueueAsync(new SendEmailEffect("a@test", "wf", null, ["a@kunta.example"], [], [], "A", "<p>a</p>"), host.Time.GetUtcNow(), "wf-a");
        await store.EnqueueAsync(new SendEmailEffect("b@test", "wf", null, ["b@kunta.example"], [], [], "B", "<p>b</p>"), host.Time.GetUtcNow(), "wf-b");

        Assert.Equal(2, await host.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync());
        Assert.True(bothInFlight.Task.IsCompletedSuccessfully);
    }

    private sealed class ObservingSender : IEmailSender
    {
        public Func<Task<(int Claimed, int Rows)>> Observe { get; set; } = () => Task.FromResult((0, 0));

        public List<string> Attempted { get; } = [];

        public List<(int Claimed, int Rows)> Observed { get; } = [];

        public async Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
        {
            lock (Attempted) Attempted.Add(message.MessageId);
            var observed = await Observe();
            lock (Observed) Observed.Add(observed);
            if (message.To.Contains("fails@kunta.example")) throw new IOException("connection reset");
        }
    }

    private sealed class IdempotentSender : IEmailSender
    {
        public int Sent { get; private set; }

        public bool IsIdempotent => true;

        public Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.CompletedTask;
        }
    }
}
