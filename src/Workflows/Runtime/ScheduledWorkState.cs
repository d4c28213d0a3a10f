namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A queued work item as persisted.</summary>
public sealed class ScheduledWorkState
{
    /// <summary>Context id.</summary>
    public string ContextId { get; set; } = "";

    /// <summary>Bookmark being resumed, if any.</summary>
    public Bookmark? Bookmark { get; set; }
}
