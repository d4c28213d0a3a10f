using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// The simple in-process timer backend: resumes timer bookmarks whose due time has passed (the bookmark table is the
/// source of truth, so nothing is lost across restarts) and fires Cron/Timer/StartAt triggers of published workflows.
/// </summary>
public sealed partial class TimerScheduler(IDbContextFactory<WorkflowsDbContext> contextFactory, WorkflowRuntime runtime, TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<TimerOptions> options, WorkflowTimeZone timeZone, ILogger<TimerScheduler> logger)
{
    private const int ConcurrentResumes = 8;
    private DateTimeOffset _lastBookmarkPoll = DateTimeOffset.MinValue;

    private static readonly string[] TriggerNames = ["Elsa.Cron", "Elsa.Timer", "Elsa.StartAt"];
    private readonly Dictionary<string, DateTimeOffset> _nextFire = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _bookmarkGate = new(1, 1);

    /// <summary>Resumes due timer bookmarks (at most every <see cref="TimerOptions.BookmarkPollInterval"/>) and fires due in-process triggers; returns how many fired.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        var fired = 0;
        var now = timeProvider.GetUtcNow();
        if (now - _lastBookmarkPoll >= options.Value.BookmarkPollInterval)
        {
            _lastBookmarkPoll = now;
            fired += await ResumeDueAsync(cancellationToken);
        }

        if (!options.Value.InProcessTriggers) return fired;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return fired + await FireDueTriggersAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Resumes every timer bookmark due now (what a backend's wake-up runs); returns how many.</summary>
    public async Task<int> ResumeDueAsync(CancellationToken cancellationToken = default)
    {
        await _bookmarkGate.WaitAsync(cancellationToken);
        try
        {
            return await ResumeDueBookmarksAsync(cancellationToken);
        }
        finally
        {
            _bookmarkGate.Release();
        }
    }

    /// <summary>The earliest pending timer bookmark, if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var next = await db.Bookmarks.Where(b => b.DueAt != null).OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefaultAsync(cancellationToken);
        var trigger = _nextFire.Count == 0 ? (DateTimeOffset?)null : _nextFire.Values.Min();
        return next is null ? trigger : trigger is null ? next : next < trigger ? next : trigger;
    }

    private async Task<int> ResumeDueBookmarksAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (true)
        {
            List<BookmarkRecord> due;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                var now = timeProvider.GetUtcNow();
                due = await db.Bookmarks.AsNoTracking().Where(b => b.DueAt != null && b.DueAt <= now).OrderBy(b => b.DueAt).Take(500).ToListAsync(cancellationToken);
            }

            if (due.Count == 0) return fired;
            // Side by side: each resume is its own burst (the runtime runs one burst per instance at a time), and
            // resumes that reach the writer together share a commit.
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentResumes, CancellationToken = cancellationToken }, async (bookmark, ct) =>
            {
                Diagnostics.WorkflowTelemetry.TimersFired.Add(1);
                if (bookmark.DueAt is { } dueAt) Diagnostics.WorkflowTelemetry.TimerLateness.Record(Math.Max(0, (timeProvider.GetUtcNow() - dueAt).TotalSeconds));
                var result = await runtime.ResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, null, ct);
                if (result is null)
                {
                    // The instance finished or lost the bookmark: the stored row is stale.
                    await using var db = await contextFactory.CreateDbContextAsync(ct);
                    await db.Bookmarks.Where(b => b.Id == bookmark.Id).ExecuteDeleteAsync(ct);
                }
            });
            fired += due.Count;
        }
    }

    private async Task<int> FireDueTriggersAsync(CancellationToken cancellationToken)
    {
        List<TriggerRecord> triggers;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            triggers = await db.Triggers.AsNoTracking().Where(t => TriggerNames.Contains(t.Name)).ToListAsync(cancellationToken);

        var now = timeProvider.GetUtcNow();
        foreach (var stale in _nextFire.Keys.Except(triggers.Select(t => t.Id)).ToList()) _nextFire.Remove(stale);
        var fired = 0;
        foreach (var trigger in triggers)
        {
            var payload = trigger.Payload is null ? null : JsonNode.Parse(trigger.Payload) as JsonObject;
            if (!_nextFire.TryGetValue(trigger.Id, out var due))
            {
                var first = FirstFire(trigger.Name, payload, now);
                if (first is null) continue;
                _nextFire[trigger.Id] = due = first.Value;
            }

            if (due > now) continue;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == trigger.WorkflowDefinitionVersionId && x.IsPublished, cancellationToken);
                if (version is not null)
                {
                    try
                    {
                        var result = await runtime.StartAsync(version, new StartWorkflowRequest { TriggerActivityId = trigger.ActivityId }, cancellationToken);
                        LogFired(logger, trigger.Name, trigger.WorkflowDefinitionId, result.State.Id);
                        fired++;
                    }
                    catch (WorkflowActivationRefusedException)
                    {
                        // The workflow's activation strategy says no (e.g. a singleton still running): this firing starts nothing.
                    }
                }
            }

            var next = NextFire(trigger.Name, payload, due, now);
            if (next is null) _nextFire[trigger.Id] = DateTimeOffset.MaxValue;
            else _nextFire[trigger.Id] = next.Value;
        }

        return fired;
    }

    private DateTimeOffset? FirstFire(string name, JsonObject? payload, DateTimeOffset now) => name switch
    {
        "Elsa.Cron" => payload?["CronExpression"]?.GetValue<string>() is { } cron ? Cron.NextOccurrence(cron, now, timeZone.Zone) : null,
        "Elsa.Timer" => now + Interval(payload),
        "Elsa.StartAt" => payload?["ExecuteAt"]?.GetValue<string>() is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
        _ => null,
    };

    private DateTimeOffset? NextFire(string name, JsonObject? payload, DateTimeOffset due, DateTimeOffset now) => name switch
    {
        // Missed occurrences are not caught up: the schedule continues with its next occurrence.
        "Elsa.Cron" => payload?["CronExpression"]?.GetValue<string>() is { } cron ? Cron.NextOccurrence(cron, due > now ? due : now, timeZone.Zone) : null,
        "Elsa.Timer" => Max(due + Interval(payload), now + TimeSpan.FromTicks(1)),
        _ => null,
    };

    private static TimeSpan Interval(JsonObject? payload)
    {
        var text = payload?["Interval"]?.GetValue<string>();
        return text is not null && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero ? t : TimeSpan.FromMinutes(1);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerName} of workflow {DefinitionId} started instance {WorkflowInstanceId}")]
    private static partial void LogFired(ILogger logger, string triggerName, string definitionId, string workflowInstanceId);
}
