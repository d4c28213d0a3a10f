namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A module's effect kind: its type and the <c>kind</c> it is stored under in the outbox (never change it once stored).</summary>
/// <param name="Type">A sealed type derived from <see cref="WorkflowEffect"/>.</param>
/// <param name="Kind">The discriminator written to the outbox payload.</param>
public sealed record WorkflowEffectType(Type Type, string Kind);
