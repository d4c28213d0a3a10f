namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A trigger of a published definition version.</summary>
public sealed class TriggerRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string WorkflowDefinitionId { get; set; } = "";

    /// <summary>Version id.</summary>
    public string WorkflowDefinitionVersionId { get; set; } = "";

    /// <summary>Stimulus name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Payload (JSON).</summary>
    public string? Payload { get; set; }
}
