namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>An incident, kept for queries across instances.</summary>
public sealed class IncidentEntity
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The incident (JSON).</summary>
    public string Data { get; set; } = "";
}
