using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Admin view of the outbox: pending and dead-lettered messages, and retrying a dead letter.</summary>
public static class OutboxApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/outbox").WithTags("Outbox");
        group.MapGet("/", ListAsync).WithName("ListOutbox");
        group.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryOutboxMessage");
        return api;
    }

    /// <summary>An outbox row as shown to admins.</summary>
    public sealed record OutboxItem(long Id, string Kind, string? WorkflowInstanceId, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, bool IsDeadLetter);

    private static async Task<Ok<ListResponse<OutboxItem>>> ListAsync(bool? deadLetters, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Outbox.AsNoTracking();
        if (deadLetters is not null) query = query.Where(m => m.IsDeadLetter == deadLetters);
        var items = await query.OrderBy(m => m.Id).Take(500)
            .Select(m => new OutboxItem(m.Id, m.Kind, m.WorkflowInstanceId, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError, m.IsDeadLetter))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListResponse<OutboxItem>(items, items.Count));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(long id, IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, OutboxSignal signal, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.Outbox.Where(m => m.Id == id && m.IsDeadLetter)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDeadLetter, false).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        if (updated == 0) return WorkflowDefinitionsApi.NotFound($"No dead-lettered outbox message {id}.");
        signal.Notify();
        return TypedResults.NoContent();
    }
}
