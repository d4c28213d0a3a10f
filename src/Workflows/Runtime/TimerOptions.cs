namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Engine timing options.</summary>
public sealed class TimerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Timers";

    /// <summary>Fire Cron/Timer/StartAt triggers in-process (off when a backend such as Quartz does it).</summary>
    public bool InProcessTriggers { get; set; } = true;

    /// <summary>How often the background round polls for due timer bookmarks (a safety net when a backend wakes the engine).</summary>
    public TimeSpan BookmarkPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
