using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Tests.Flow;

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
