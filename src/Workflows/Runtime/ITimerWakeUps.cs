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
