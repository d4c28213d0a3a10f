using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Opiskeluhuolto.Workflows.Diagnostics;

/// <summary>
/// The engine's metrics and traces (System.Diagnostics: any OpenTelemetry setup can collect them by name): instances
/// started and finished, bookmark resumes, timer firings and their lateness, outbox depth, effects sent and failed, and
/// one span per burst.
/// </summary>
public static class WorkflowTelemetry
{
    /// <summary>Meter and activity source name.</summary>
    public const string Name = "Opiskeluhuolto.Workflows";

    private static readonly Meter Meter = new(Name);

    /// <summary>Spans of workflow bursts.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Instances started, by definition.</summary>
    public static Counter<long> InstancesStarted { get; } = Meter.CreateCounter<long>("workflows.instances.started", "{instance}", "Workflow instances started.");

    /// <summary>Instances that reached the end, by definition and sub-status (Finished, Faulted, Cancelled).</summary>
    public static Counter<long> InstancesFinished { get; } = Meter.CreateCounter<long>("workflows.instances.finished", "{instance}", "Workflow instances finished.");

    /// <summary>Bookmarks resumed (events, decisions, timers).</summary>
    public static Counter<long> BookmarksResumed { get; } = Meter.CreateCounter<long>("workflows.bookmarks.resumed", "{bookmark}", "Bookmarks resumed.");

    /// <summary>Timer firings.</summary>
    public static Counter<long> TimersFired { get; } = Meter.CreateCounter<long>("workflows.timers.fired", "{timer}", "Timers fired.");

    /// <summary>How late a timer fired after its due time.</summary>
    public static Histogram<double> TimerLateness { get; } = Meter.CreateHistogram<double>("workflows.timers.lateness", "s", "Delay between a timer's due time and its firing.");

    /// <summary>Effects carried out from the outbox, by kind (send-email, dispatch-workflow, and the kinds modules register).</summary>
    public static Counter<long> EffectsSent { get; } = Meter.CreateCounter<long>("workflows.outbox.sent", "{message}", "Outbox messages carried out (mails sent, workflows dispatched).");

    /// <summary>Effects that failed, by kind and whether they were dead-lettered.</summary>
    public static Counter<long> EffectsFailed { get; } = Meter.CreateCounter<long>("workflows.outbox.failed", "{message}", "Outbox messages that failed.");

    private static long _outboxDepth;

    /// <summary>Records the number of outbox messages waiting (observed by the gauge).</summary>
    public static void SetOutboxDepth(long depth) => Interlocked.Exchange(ref _outboxDepth, depth);

    /// <summary>Outbox messages waiting to be carried out.</summary>
    public static ObservableGauge<long> OutboxDepth { get; } = Meter.CreateObservableGauge("workflows.outbox.depth", () => Interlocked.Read(ref _outboxDepth), "{message}", "Outbox messages waiting.");
}
