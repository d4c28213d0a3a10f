using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// Elsa's workflow activation strategies (<c>options.activationStrategyType</c>), decided before a new instance is
/// created: <c>AllowAlwaysStrategy</c> (default), <c>SingletonStrategy</c> (no other running instance of the
/// workflow), <c>CorrelatedSingletonStrategy</c> (no other running instance with the same correlation id) and
/// <c>CorrelationStrategy</c> (no other instance at all, running or finished, with the same correlation id).
/// </summary>
public static class ActivationStrategy
{
    /// <summary>The strategies as the Studio lists them: type name, display name, description.</summary>
    public static IReadOnlyList<(string TypeName, string DisplayName, string Description)> All { get; } =
    [
        ("Elsa.Workflows.ActivationValidators.AllowAlwaysStrategy, Elsa.Workflows.Core", "Always", "Always allow new instances."),
        ("Elsa.Workflows.ActivationValidators.SingletonStrategy, Elsa.Workflows.Core", "Singleton", "Only one running instance of the workflow at a time."),
        ("Elsa.Workflows.ActivationValidators.CorrelatedSingletonStrategy, Elsa.Workflows.Core", "Correlated singleton", "Only one running instance per correlation id."),
        ("Elsa.Workflows.ActivationValidators.CorrelationStrategy, Elsa.Workflows.Core", "Correlation", "Only one instance ever per correlation id."),
    ];

    /// <summary>The strategy's class name (<c>SingletonStrategy</c>…), or null for "always".</summary>
    public static string? Kind(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var type = definition.Options.ActivationStrategyType;
        if (string.IsNullOrWhiteSpace(type)) return null;
        var name = type.Split(',')[0].Trim();
        name = name[(name.LastIndexOf('.') + 1)..];
        return name is "SingletonStrategy" or "CorrelatedSingletonStrategy" or "CorrelationStrategy" ? name : null;
    }

    /// <summary>Why a new instance may not start, or null when it may.</summary>
    public static async Task<string?> RefusalAsync(IDbContextFactory<WorkflowsDbContext> contexts, WorkflowDefinition definition, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var kind = Kind(definition);
        if (kind is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = WorkflowStatus.Running.ToString();
        var instances = db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == definition.DefinitionId);
        return kind switch
        {
            "SingletonStrategy" when await instances.AnyAsync(i => i.Status == running, cancellationToken) =>
                $"Workflow '{definition.DefinitionId}' runs as a singleton and an instance of it is already running.",
            "CorrelatedSingletonStrategy" when await instances.AnyAsync(i => i.Status == running && i.CorrelationId == correlationId, cancellationToken) =>
                $"Workflow '{definition.DefinitionId}' already has a running instance with correlation id '{correlationId}'.",
            "CorrelationStrategy" when await instances.AnyAsync(i => i.CorrelationId == correlationId, cancellationToken) =>
                $"Workflow '{definition.DefinitionId}' already has an instance with correlation id '{correlationId}'.",
            _ => null,
        };
    }
}

/// <summary>The workflow's activation strategy refused a new instance.</summary>
public sealed class WorkflowActivationRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowActivationRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowActivationRefusedException() { }

    /// <summary>Creates the exception.</summary>
    public WorkflowActivationRefusedException(string message, Exception innerException) : base(message, innerException) { }
}
