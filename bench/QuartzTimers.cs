using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Timer firings through Quartz in the Release Host (SQLite, Quartz's persistent store in the same file): first
/// <c>pending</c> instances wait on timers spread over the coming year (each a second of its own, so Quartz's trigger
/// table holds that many triggers), then <c>due</c> instances wait on one instant a few seconds ahead. Firing rate is
/// due ÷ (last resume − the instant); lateness is each resume's time minus the instant, read from the journal after the
/// run (the journal's timestamp is when the burst ran). Then <c>steady</c> instances wait on instants spread at
/// <see cref="SteadyRate"/> a second (half the target rate, as timers of a day come due): lateness p99 of those is the
/// promptness figure; a burst's lateness is only its size ÷ the firing rate.
/// </summary>
internal static class QuartzTimers
{
    internal const string Workflow = """
        {
          "id": "bench-timer-v1", "definitionId": "bench-timer", "name": "Bench: wait until", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "until", "type": "Elsa.StartAt", "version": 1, "dateTime": { "typeName": "DateTimeOffset", "expression": { "type": "JavaScript", "value": "return getInput('At');" } } },
              { "id": "done", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "fired" } } }
            ],
            "connections": [ { "source": { "activity": "until", "port": "Done" }, "target": { "activity": "done", "port": "In" } } ]
          }
        }
        """;

    private const double SteadyRate = 250;

    public static async Task<IReadOnlyList<Metric>> RunAsync(int pending, int due, int steady)
    {
        await using var host = await BenchHost.StartAsync("timers");
        if (host is null) return [new Metric("quartz-firings", 0, "firings/s", ">=500 (build src/Host -c Release first)", 0, false)];
        await host.PostAsync("/elsa/api/workflow-definitions/import", Workflow);
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, pending), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            await host.PostAsync("/elsa/api/workflow-definitions/bench-timer/execute", Input(now.AddDays(1).AddSeconds(i * 600))));

        // The due ones: all on one instant, far enough ahead that every one of them is waiting by then.
        var creation = Stopwatch.StartNew();
        var instant = DateTimeOffset.UtcNow.AddSeconds(5 + due / 150.0);
        instant = new DateTimeOffset(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, due), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
            await host.PostAsync("/elsa/api/workflow-definitions/bench-timer/execute", Input(instant)));
        if (DateTimeOffset.UtcNow >= instant) throw new InvalidOperationException($"Creating {due} instances took {creation.Elapsed.TotalSeconds:0.0} s, past the instant: raise the lead time.");

        var database = Path.Combine(host.Folder, "workflows.db");
        var deadline = instant.AddMinutes(5);
        List<double> lateness;
        while (true)
        {
            lateness = Lateness(database, instant);
            if (lateness.Count >= due || DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(500);
        }

        if (lateness.Count < due) return [new Metric("quartz-firings", 0, "firings/s", $">=500 ({lateness.Count} of {due} fired in 5 min)", 0, false)];
        var rate = due / (lateness.Max() / 1000.0);
        var burstP99 = Percentiles.Of(lateness, 0.99) / 1000.0;

        // Steady: instants one 1/SteadyRate s apart, each instance correlated with its own instant.
        var start = DateTimeOffset.UtcNow.AddSeconds(5 + steady / 150.0);
        await Parallel.ForEachAsync(Enumerable.Range(0, steady), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var at = start.AddTicks((long)(i * TimeSpan.TicksPerSecond / SteadyRate));
            await host.PostAsync("/elsa/api/workflow-definitions/bench-timer/execute", Input(at, $"steady-{at.UtcTicks}"));
        });
        if (DateTimeOffset.UtcNow >= start) throw new InvalidOperationException($"Creating {steady} steady instances went past the first instant: raise the lead time.");
        var steadyEnd = start.AddSeconds(steady / SteadyRate).AddMinutes(2);
        List<double> steadyLateness;
        while (true)
        {
            steadyLateness = SteadyLateness(database);
            if (steadyLateness.Count >= steady || DateTimeOffset.UtcNow > steadyEnd) break;
            await Task.Delay(500);
        }

        var p99 = steadyLateness.Count < steady ? double.PositiveInfinity : Percentiles.Of(steadyLateness, 0.99) / 1000.0;
        return
        [
            new Metric("quartz-firings", rate, "firings/s", $">=500 with {pending} pending", 0, rate >= 500),
            new Metric("quartz-lateness-p99", p99, "s", $"<=1 ({steady} timers due at {SteadyRate}/s)", 0, p99 <= 1),
            new Metric("quartz-burst-lateness-p99", burstP99, "s", $"info ({due} due on one instant)", 0, true),
            new Metric("quartz-first-firing-lateness", lateness.Min() / 1000.0, "s", "info (Quartz waking the engine)", 0, true),
        ];
    }

    private static string Input(DateTimeOffset at, string? correlationId = null) =>
        $$"""{ "input": { "At": "{{at.ToString("O", CultureInfo.InvariantCulture)}}" }{{(correlationId is null ? "" : $", \"correlationId\": \"{correlationId}\"")}} }""";

    /// <summary>Milliseconds from each steady instance's own instant (in its correlation id) to its resume.</summary>
    private static List<double> SteadyLateness(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l."Timestamp", i."CorrelationId" FROM "WorkflowExecutionLog" l JOIN "WorkflowInstances" i ON i."Id" = l."WorkflowInstanceId"
            WHERE l."ActivityId" = 'until' AND l."EventName" = 'Completed' AND i."CorrelationId" LIKE 'steady-%'
            """;
        using var reader = command.ExecuteReader();
        var values = new List<double>();
        while (reader.Read())
        {
            var instant = long.Parse(reader.GetString(1)["steady-".Length..], CultureInfo.InvariantCulture);
            values.Add(TimeSpan.FromTicks(reader.GetInt64(0) - instant).TotalMilliseconds);
        }

        return values;
    }

    /// <summary>Milliseconds from the instant to each due instance's resume (its "until" activity completing).</summary>
    private static List<double> Lateness(string database, DateTimeOffset instant)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Timestamp" FROM "WorkflowExecutionLog" WHERE "ActivityId" = 'until' AND "EventName" = 'Completed' AND "Timestamp" >= $from""";
        command.Parameters.AddWithValue("$from", instant.UtcTicks - TimeSpan.TicksPerSecond);
        using var reader = command.ExecuteReader();
        var values = new List<double>();
        while (reader.Read()) values.Add(TimeSpan.FromTicks(reader.GetInt64(0) - instant.UtcTicks).TotalMilliseconds);
        return values;
    }
}
