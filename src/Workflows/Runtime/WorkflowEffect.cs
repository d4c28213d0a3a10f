using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// A side effect requested by an activity. Effects are written to the outbox in the same commit as the burst
/// and carried out afterwards, so a crash never loses one and a rolled-back burst never performs one. The engine's own
/// kinds are listed here; a module registers its kinds with
/// <see cref="WorkflowsServiceCollectionExtensions.AddWorkflowEffect{TEffect}"/> and handles them with an
/// <see cref="IWorkflowEffectHandler"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DispatchWorkflowEffect), "dispatch-workflow")]
[JsonDerivedType(typeof(PublishEventEffect), "publish-event")]
[JsonDerivedType(typeof(RunTaskEffect), "run-task")]
[JsonDerivedType(typeof(SendEmailEffect), "send-email")]
[JsonDerivedType(typeof(WriteLineEffect), "write-line")]
[JsonDerivedType(typeof(NotifyParentEffect), "notify-parent")]
public abstract record WorkflowEffect
{
    /// <summary>
    /// Who the effect reaches and what about, when it reaches people (a mail): kept in <c>SentEffects</c> once it has
    /// been carried out, so that "what reached whom, when" can be answered after the outbox row is gone. Null for
    /// effects that reach no person.
    /// </summary>
    public virtual EffectReceipt? Receipt() => null;
}

/// <summary>The people an effect reached (addresses as given) and a short title of what it was about.</summary>
public sealed record EffectReceipt(IReadOnlyList<string> Recipients, string? Title);
