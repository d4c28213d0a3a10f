namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Carries out one kind of effect from the outbox. Handlers must be idempotent: delivery is at least once.</summary>
public interface IWorkflowEffectHandler
{
    /// <summary>Whether this handler takes the effect.</summary>
    bool CanHandle(WorkflowEffect effect);

    /// <summary>Carries it out; throws to have it retried.</summary>
    Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken);

    /// <summary>
    /// Whether carrying the effect out twice is harmless. After a crash in the middle of a non-idempotent effect the
    /// message is dead-lettered as "delivery uncertain" for an admin to decide, instead of being repeated.
    /// </summary>
    bool IsIdempotent(WorkflowEffect effect) => true;
}
