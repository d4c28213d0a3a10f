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
    public async Task MailsOfOneInstance_GoInOrder_ClaimedBeforeTheirSend_AndAFailureHandsBackTheRestOfItsClaim()
    {
        // A lane claims the oldest due mails in one write and sends them one after the other; no lane starts a mail
        // while an older one of the same instance is claimed. After a transient failure the rest of the claim goes back
        // to the queue untried (a relay that is down is not tried once per mail) and is sent in the next round; the
        // failed one waits for its retry without holding up the rest.
        var sender = new ObservingSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        sender.Observe = async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.Outbox.CountAsync(m => m.ClaimedAt != null), await db.Outbox.CountAsync());
        };
        await EnqueueMailsAsync(host, 5, _ => "wf-1", i => i == 2 ? "fails@kunta.example" : $"m{i}@kunta.example");
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        var first = await processor.ProcessDueAsync();
        Assert.Equal(["m0@test", "m1@test", "m2@test"], sender.Attempted);
        Assert.Equal(2, first);
        // All five claimed in one write before the first went out; outcomes are written after the sending.
        Assert.All(sender.Observed, o => Assert.Equal((5, 5), o));

        Assert.Equal(2, await processor.ProcessDueAsync());
        Assert.Equal(["m0@test", "m1@test", "m2@test", "m3@test", "m4@test"], sender.Attempted);
        Assert.Equal([(2, 3), (2, 3)], sender.Observed.Skip(3));
        await using var check = await contexts.CreateDbContextAsync();
        var left = await check.Outbox.SingleAsync();
        Assert.Equal(1, left.Attempts);
        Assert.False(left.IsDeadLetter);
        Assert.Null(left.ClaimedAt);
        Assert.True(left.NextAttemptAt > host.Time.GetUtcNow());
    }

    [Fact]
    public async Task ManyMails_GoSideBySide_InTwoLanes_WithAtMostMaxInHandClaimed()
    {
        var sender = new ObservingSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        var sending = 0;
        var bothSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Observe = async () =>
        {
            // The first mail of each lane waits until the other lane is sending too.
            if (Interlocked.Increment(ref sending) == 2) bothSending.TrySetResult();
            await bothSending.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.Outbox.CountAsync(m => m.ClaimedAt != null), 0);
        };
        var count = 3 * OutboxProcessor.MailsPerClaim;
        await EnqueueMailsAsync(host, count, i => $"wf-{i}");
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        Assert.Equal(count, await processor.ProcessDueAsync());
        Assert.True(bothSending.Task.IsCompletedSuccessfully);
        Assert.Equal(count, sender.Attempted.Distinct().Count());
        Assert.All(sender.Observed, o => Assert.InRange(o.Claimed, 1, processor.MaxInHand));
        Assert.Equal(2 * (OutboxProcessor.MailsPerClaim + OutboxProcessor.Lookahead), processor.MaxInHand);
    }

    [Fact]
    public async Task RelayDown_EachLaneTriesOneMailPerRound_AndHandsTheRestBack()
    {
        var sender = new ObservingSender { Fails = _ => true };
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        await EnqueueMailsAsync(host, 3 * OutboxProcessor.MailsPerClaim, i => $"wf-{i}");
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        Assert.Equal(0, await processor.ProcessDueAsync());

        // One attempt per lane (two lanes), not one per mail; nothing stays claimed, and the rest is due for the next round.
        Assert.Equal(2, sender.Attempted.Count);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var rows = await db.Outbox.ToListAsync();
        Assert.Equal(3 * OutboxProcessor.MailsPerClaim, rows.Count);
        Assert.All(rows, m => Assert.Null(m.ClaimedAt));
        Assert.Equal(2, rows.Count(m => m.Attempts == 1));
        Assert.Equal(rows.Count - 2, rows.Count(m => m.Attempts == 0 && m.NextAttemptAt <= host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Stop_HandsBackTheMailsNotBegun_AndTheOneUnderWayStaysClaimed()
    {
        // A stop (not a kill) records what was sent, hands back what was not begun, and leaves only the mail whose
        // sending it interrupted claimed: that one may have reached the relay, so recovery parks it as uncertain.
        var sender = new ObservingSender();
        await using var host = await EngineHost.StartAsync(s => s.AddSingleton<IEmailSender>(sender));
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        using var stop = new CancellationTokenSource();
        sender.Block = message => message.MessageId == "m2@test" ? stop : null;
        await EnqueueMailsAsync(host, 5, _ => "wf-1");
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processor.ProcessDueAsync(stop.Token));

        Assert.Equal(["m0@test", "m1@test", "m2@test"], sender.Attempted);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var left = await db.Outbox.OrderBy(m => m.Id).ToListAsync();
            Assert.Equal(3, left.Count); // m0 and m1 were sent and recorded
            Assert.NotNull(left[0].ClaimedAt); // m2, under way
            Assert.All(left.Skip(1), m => Assert.Null(m.ClaimedAt)); // m3 and m4, handed back
            Assert.All(left, m => Assert.Equal(0, m.Attempts));
            Assert.Equal(2, await db.SentEffects.CountAsync());
        }

        // m3 and m4 wait behind m2 (one instance's mails in order) until the next start's recovery has parked it.
        sender.Block = _ => null;
        Assert.Equal(0, await processor.ProcessDueAsync());
        Assert.Equal(3, sender.Attempted.Count);
    }

    /// <summary>Mails m0@test, m1@test… in the outbox, due now, of the instances <paramref name="instance"/> names.</summary>
    private static async Task EnqueueMailsAsync(EngineHost host, int count, Func<int, string> instance, Func<int, string>? to = null)
    {
        var store = host.Services.GetRequiredService<WorkflowStore>();
        for (var i = 0; i < count; i++)
            await store.EnqueueAsync(new SendEmailEffect($"m{i}@test", "wf", null, [to?.Invoke(i) ?? $"m{i}@kunta.example"], [], [], "Muistutus", "<p>x</p>"), host.Time.GetUtcNow(), instance(i));
    }

    private sealed class ObservingSender : IEmailSender
    {
        public Func<Task<(int Claimed, int Rows)>> Observe { get; set; } = () => Task.FromResult((0, 0));

        public List<string> Attempted { get; } = [];

        public List<(int Claimed, int Rows)> Observed { get; } = [];

        /// <summary>Messages the relay refuses for now (besides fails@kunta.example).</summary>
        public Func<SendEmailEffect, bool> Fails { get; set; } = _ => false;

        /// <summary>A stop to request, and then wait for, while sending a message (the relay hangs).</summary>
        public Func<SendEmailEffect, CancellationTokenSource?> Block { get; set; } = _ => null;

        public async Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
        {
            lock (Attempted) Attempted.Add(message.MessageId);
            if (Block(message) is { } stop)
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            var observed = await Observe();
            lock (Observed) Observed.Add(observed);
            if (message.To.Contains("fails@kunta.example") || Fails(message)) throw new IOException("connection reset");
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
