namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// The timer-backend port. The engine's bookmark and trigger tables are the source of truth; a backend (Quartz in the
/// Host) only wakes the engine at the right instants. Without one, the in-process <see cref="TimerScheduler"/> polls.
/// </summary>
public interface ITimerWakeUps
{
    /// <summary>New timer bookmarks are due at these instants.</summary>
    Task WakeAtAsync(IReadOnlyCollection<DateTimeOffset> dueTimes, CancellationToken cancellationToken);

    /// <summary>The published Cron/Timer/StartAt triggers changed.</summary>
    Task TriggersChangedAsync(CancellationToken cancellationToken);
}

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
