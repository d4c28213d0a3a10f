namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A submitted alteration plan: the alterations, the instance filter, who submitted it and how far it is.</summary>
public sealed class AlterationPlanRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Pending, Running, Completed or Failed.</summary>
    public string Status { get; set; } = "";

    /// <summary>The alterations (JSON array).</summary>
    public string Alterations { get; set; } = "[]";

    /// <summary>The instance filter as submitted (JSON object).</summary>
    public string Filter { get; set; } = "{}";

    /// <summary>Who submitted the plan.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Submitted.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>First job started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Last job ended.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
