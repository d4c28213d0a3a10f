namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>An activity fault recorded on the instance.</summary>
public sealed class ActivityIncident
{
    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Exception details.</summary>
    public ExceptionState? Exception { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }
}
