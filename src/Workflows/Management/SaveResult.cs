using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Result of a save from the editor.</summary>
public sealed record SaveResult(WorkflowDefinition Definition, bool AlreadyPublished)
{
    /// <summary>Consumers re-pointed at the published version (<c>autoUpdateConsumingWorkflows</c>).</summary>
    public IReadOnlyList<string> UpdatedConsumers { get; init; } = [];

    /// <summary>What was stored but will never run as drawn (e.g. a connection out of End).</summary>
    public IReadOnlyList<ValidationError> Warnings { get; init; } = [];
}
