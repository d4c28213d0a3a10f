namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A stored workflow instance.</summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>Instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Definition version id.</summary>
    public string DefinitionVersionId { get; set; } = "";

    /// <summary>Version number.</summary>
    public int Version { get; set; }

    /// <summary>Parent instance.</summary>
    public string? ParentWorkflowInstanceId { get; set; }

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Sub-status.</summary>
    public string SubStatus { get; set; } = "";

    /// <summary>Incident count.</summary>
    public int IncidentCount { get; set; }

    /// <summary>System instance.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Updated.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Finished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency revision: each burst commit increments it.</summary>
    public long Revision { get; set; }

    /// <summary>Workflow state (JSON).</summary>
    public string Data { get; set; } = "";
}
