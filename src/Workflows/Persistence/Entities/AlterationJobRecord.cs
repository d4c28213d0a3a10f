namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>One instance of a plan: its status and log. Completed in the same transaction as the instance it altered.</summary>
public sealed class AlterationJobRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The plan.</summary>
    public string PlanId { get; set; } = "";

    /// <summary>The instance.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Pending, Completed or Failed.</summary>
    public string Status { get; set; } = "";

    /// <summary>Log entries (JSON array).</summary>
    public string? Log { get; set; }

    /// <summary>Created with the plan.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Ended.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
