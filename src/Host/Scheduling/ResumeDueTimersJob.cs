using Opiskeluhuolto.Workflows.Runtime;
using Quartz;

namespace Opiskeluhuolto.Host.Scheduling;

/// <summary>Wakes the engine: resumes every timer bookmark due by now. Jobs carry no state; the bookmark table is the truth.</summary>
[DisallowConcurrentExecution]
public sealed class ResumeDueTimersJob(TimerScheduler timers) : IJob
{
    /// <summary>Job key.</summary>
    public static JobKey Key { get; } = new("resume-due-timers", "engine");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await timers.ResumeDueAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new JobExecutionException(e);
        }
    }
}
