using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Quartz;

namespace Opiskeluhuolto.Host.Scheduling;

/// <summary>
/// Quartz as the timer backend. One Quartz trigger per due <see cref="Resolution"/> (a tenth of a second) wakes the
/// engine, which then resumes every bookmark due by then from its own indexed table (so 40 000 reminders due at 09:00
/// are one firing, not 40 000, and a timer is at most a tenth of a second late by rounding);
/// published Cron/Timer/StartAt workflow triggers become Quartz cron/simple triggers keyed by the stored trigger id.
/// Both live in Quartz's persistent store in the engine's database, and are reconciled at start-up.
/// </summary>
public sealed partial class QuartzTimerWakeUps(ISchedulerFactory schedulers, IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, WorkflowTimeZone timeZone, ILogger<QuartzTimerWakeUps> logger) : ITimerWakeUps
{
    /// <summary>Group of engine wake-up triggers.</summary>
    public const string WakeUpGroup = "bookmark-wake-ups";

    /// <summary>Group of workflow triggers.</summary>
    public const string WorkflowTriggerGroup = "workflow-triggers";

    /// <summary>
    /// What due instants are rounded up to: instants within one tenth of a second share a wake-up. (It was a whole second,
    /// which made timers up to a second late; keys of whole seconds made then are still the keys of those instants.)
    /// </summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(100);

    /// <summary>The wake-up trigger key of an instant (rounded up to <see cref="Resolution"/>).</summary>
    public static TriggerKey WakeUpKey(DateTimeOffset due) =>
        new(RoundUp(due).UtcTicks.ToString(CultureInfo.InvariantCulture), WakeUpGroup);

    private static DateTimeOffset RoundUp(DateTimeOffset due)
    {
        var utc = due.ToUniversalTime();
        var floor = new DateTimeOffset(utc.Ticks - (utc.Ticks % Resolution.Ticks), TimeSpan.Zero);
        return floor == utc ? floor : floor + Resolution;
    }

    /// <inheritdoc />
    public async Task WakeAtAsync(IReadOnlyCollection<DateTimeOffset> dueTimes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueTimes);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var due in dueTimes.Select(RoundUp).Distinct())
        {
            var key = WakeUpKey(due);
            if (await scheduler.Exists(key, cancellationToken)) continue;
            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(ResumeDueTimersJob.Key)
                .StartAt(due).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            try
            {
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another burst scheduled the same wake-up first.
            }
        }
    }

    /// <inheritdoc />
    public async Task TriggersChangedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // Workflows imported at start-up (workflows-json) may bring a cron trigger before the reconciliation has run.
        await EnsureJobsAsync(scheduler, cancellationToken);
        List<TriggerRecord> triggers;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            string[] names = ["Elsa.Cron", "Elsa.Timer", "Elsa.StartAt"];
            triggers = await db.Triggers.AsNoTracking().Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        }

        var wanted = triggers.ToDictionary(t => new TriggerKey(t.Id, WorkflowTriggerGroup));
        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(WorkflowTriggerGroup), cancellationToken);
        foreach (var stale in existing.Where(k => !wanted.ContainsKey(k))) await scheduler.UnscheduleJob(stale, cancellationToken);
        foreach (var (key, record) in wanted)
        {
            if (existing.Contains(key)) continue;
            var trigger = Build(key, record);
            if (trigger is null) continue;
            try
            {
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node scheduled it.
            }
        }
    }

    // The jobs are durable: once this process has seen them exist, they stay.
    private volatile bool _jobsEnsured;

    /// <summary>The two durable jobs every trigger points at (resume due timers, start a workflow), added once.</summary>
    private async Task EnsureJobsAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        if (_jobsEnsured) return;
        IJobDetail[] jobs =
        [
            JobBuilder.Create<ResumeDueTimersJob>().WithIdentity(ResumeDueTimersJob.Key).StoreDurably().Build(),
            JobBuilder.Create<StartWorkflowJob>().WithIdentity(StartWorkflowJob.Key).StoreDurably().Build(),
        ];
        foreach (var detail in jobs)
        {
            if (await scheduler.Exists(detail.Key, cancellationToken)) continue;
            try
            {
                await scheduler.AddJob(detail, new AddJobOptions(), cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node added it.
            }
        }

        _jobsEnsured = true;
    }

    /// <summary>Start-up reconciliation: every pending timer bookmark has its wake-up, every published trigger its Quartz trigger.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await EnsureJobsAsync(scheduler, cancellationToken);

        List<DateTimeOffset> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = (await db.Bookmarks.AsNoTracking().Where(b => b.DueAt != null).Select(b => b.DueAt!.Value).Distinct().ToListAsync(cancellationToken));
        var now = time.GetUtcNow();
        // Past-due wake-ups (downtime) fire once, immediately.
        await WakeAtAsync(due.Select(d => d < now ? now : d).ToList(), cancellationToken);
        var keep = due.Select(WakeUpKey).ToHashSet();
        foreach (var orphan in (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(WakeUpGroup), cancellationToken)).Where(k => !keep.Contains(k)))
        {
            var trigger = await scheduler.GetTrigger(orphan, cancellationToken);
            if (trigger?.NextFireTimeUtc is { } next && next > now) await scheduler.UnscheduleJob(orphan, cancellationToken);
        }

        await TriggersChangedAsync(cancellationToken);
        LogReconciled(logger, due.Count);
    }

    private ITrigger? Build(TriggerKey key, TriggerRecord record)
    {
        var payload = record.Payload is null ? null : JsonNode.Parse(record.Payload) as JsonObject;
        var builder = TriggerBuilder.Create().WithIdentity(key).ForJob(StartWorkflowJob.Key).UsingJobData(StartWorkflowJob.TriggerIdKey, record.Id);
        var cron = payload?["CronExpression"]?.GetValue<string>();
        var executeAt = payload?["ExecuteAt"]?.GetValue<string>();
        var intervalText = payload?["Interval"]?.GetValue<string>();
        switch (record.Name)
        {
            case "Elsa.Cron" when cron is { } expression:
                var quartzExpression = QuartzCron(expression);
                if (quartzExpression is null) return null;
                return builder.WithCronSchedule(quartzExpression, c => c.InTimeZone(timeZone.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
            case "Elsa.Timer":
                var interval = intervalText is not null && TimeSpan.TryParse(intervalText, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero ? t : TimeSpan.FromMinutes(1);
                return builder.StartAt(DateTimeOffset.UtcNow + interval).WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build();
            case "Elsa.StartAt" when executeAt is { } at:
                return builder.StartAt(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            default:
                return null;
        }
    }

    /// <summary>
    /// Converts the engine's cron dialect (Cronos: optional seconds, day-of-week 0–7 with 0 and 7 = Sunday) to Quartz's
    /// (seconds required, day-of-week 1–7 with 1 = Sunday, '?' in day-of-month or day-of-week). Names (MON-FRI) are the same.
    /// </summary>
    public static string? QuartzCron(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5) fields = ["0", .. fields];
        if (fields.Length is not (6 or 7)) return null;
        fields[5] = DayOfWeekNumbers().Replace(fields[5], m => ((int.Parse(m.Value, CultureInfo.InvariantCulture) % 7) + 1).ToString(CultureInfo.InvariantCulture));
        if (fields[3] != "?" && fields[5] != "?") fields[fields[5] == "*" ? 5 : 3] = "?";
        var result = string.Join(' ', fields);
        return CronExpression.TryParse(result, out _) ? result : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![/#\d])\d+")]
    private static partial System.Text.RegularExpressions.Regex DayOfWeekNumbers();

    [LoggerMessage(Level = LogLevel.Information, Message = "Quartz reconciled: {DueInstants} timer instants, workflow triggers synchronised")]
    private static partial void LogReconciled(ILogger logger, int dueInstants);
}
