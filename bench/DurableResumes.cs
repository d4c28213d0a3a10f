using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Durable resumes: an event stimulus finds the instance's bookmark, runs the burst and commits it (synchronous=FULL),
/// delivered by <see cref="Callers"/> concurrent callers as events reach a server (resumes that reach the writer together
/// share a commit; each caller's call returns only once its resume is durable); the same one caller at a time as an
/// informative line. Ceiling: raw SQL doing the comparable commit per step (read the row, write it back with a new
/// revision, delete the bookmark, append a journal row) on the same kind of file, one step after the other.
/// </summary>
internal static class DurableResumes
{
    internal const string Workflow = """
        {
          "id": "bench-resume-v1", "definitionId": "bench-resume", "name": "Bench: wait for an event", "version": 1, "isPublished": true,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "wait", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "go" } } },
              { "id": "done", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "resumed" } } }
            ],
            "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "done", "port": "In" } } ]
          }
        }
        """;

    /// <summary>Concurrent callers (as events reach a server); the ceiling uses as many.</summary>
    internal const int Callers = 8;

    public static async Task<IReadOnlyList<Metric>> RunAsync(int count)
    {
        await using var engine = await BenchEngine.CreateAsync();
        var version = await engine.PublishAsync(Workflow);
        var runtime = engine.Services.GetRequiredService<WorkflowRuntime>();
        var ids = new List<string>(count);
        var starts = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) ids.Add((await runtime.StartAsync(version, new StartWorkflowRequest())).State.Id);
        starts.Stop();

        // Where a resume's time goes: the read-only stages on their own (informative lines, no target).
        var store = engine.Services.GetRequiredService<WorkflowStore>();
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        var hash = Stimulus.ForEvent("go", null).Hash;
        var sample = ids.Take(Math.Min(1_000, count)).ToList();
        var lookup = Stopwatch.StartNew();
        foreach (var id in sample)
        {
            await using var db = await contexts.CreateDbContextAsync();
            _ = await db.Bookmarks.AsNoTracking().Where(b => b.Hash == hash && b.WorkflowInstanceId == id).ToListAsync();
        }

        lookup.Stop();
        var load = Stopwatch.StartNew();
        foreach (var id in sample) _ = await store.LoadAsync(id);
        load.Stop();

        // One caller at a time over the first half, then concurrent callers over the second half.
        var sequential = ids.Take(count / 2).ToList();
        var sequentialClock = Stopwatch.StartNew();
        var sequentialLatencies = new List<double>(sequential.Count);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var id in sequential)
        {
            var one = Stopwatch.GetTimestamp();
            await ResumeAsync(runtime, id);
            sequentialLatencies.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }

        sequentialClock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        // The rows a resume writes, as the engine wrote them for one instance: the ceiling writes the same.
        var database = Path.Combine(engine.Folder, "workflows.db");
        var sampleId = ids[^1];
        var started = CapturedRows.Of(database, sampleId);
        var concurrent = ids.Skip(count / 2).ToList();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(concurrent, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (id, _) =>
        {
            var one = Stopwatch.GetTimestamp();
            await ResumeAsync(runtime, id);
            latencies.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        });
        clock.Stop();
        var rate = concurrent.Count / clock.Elapsed.TotalSeconds;
        var resumed = CapturedRows.Of(database, sampleId, except: started);
        Console.WriteLine($"# one resume writes {resumed.Count} rows: {string.Join(", ", resumed.Tables.Select(t => $"{t.Key} {t.Value.Count}"))} (+ the bookmark deleted)");
        double ceiling;
        await using (var raw = await BenchEngine.CreateAsync())
        {
            ceiling = await RawCeiling.ResumesAsync(Path.Combine(raw.Folder, "workflows.db"), started, resumed, concurrent.Count, Callers);
        }

        var stepCeiling = RawSqlBaseline(engine.Folder, count);
        var p99 = Percentiles.Of(sequentialLatencies, 0.99);
        var loadedP99 = Percentiles.Of([.. latencies], 0.99);
        return
        [
            new Metric("durable-resumes", rate, "resumes/s", $">=0.5x ({Callers} callers; ceiling: the same rows by ADO.NET with group commit)", ceiling, rate >= 0.5 * ceiling),
            new Metric("durable-resumes-vs-one-commit-per-step", rate, "resumes/s", "info (the first round's ceiling)", stepCeiling, true),
            new Metric("durable-resume-p99", p99, "ms", "<=10 (one caller)", 0, p99 <= 10),
            new Metric("durable-resume-p99-loaded", loadedP99, "ms", $"info ({Callers} callers)", 0, true),
            new Metric("durable-resumes-sequential", sequential.Count / sequentialClock.Elapsed.TotalSeconds, "resumes/s", "info (one caller)", stepCeiling, true),
            new Metric("durable-starts", count / starts.Elapsed.TotalSeconds, "starts/s", "info (one caller)", stepCeiling, true),
            new Metric("resume-stage-bookmark-query", lookup.Elapsed.TotalMilliseconds / sample.Count, "ms", "info", 0, true),
            new Metric("resume-stage-load-instance", load.Elapsed.TotalMilliseconds / sample.Count, "ms", "info", 0, true),
            new Metric("resume-total", sequentialClock.Elapsed.TotalMilliseconds / sequential.Count, "ms", "info (one caller)", 0, true),
            new Metric("resume-cpu", cpu.TotalMilliseconds / sequential.Count, "ms CPU", "info (one caller)", 0, true),
            new Metric("raw-commit-step", 1000 / stepCeiling, "ms", "info", 0, true),
        ];
    }

    private static async Task ResumeAsync(WorkflowRuntime runtime, string id)
    {
        var resumed = await runtime.DeliverAsync(Stimulus.ForEvent("go", null, workflowInstanceId: id));
        if (resumed.Count != 1) throw new InvalidOperationException($"Instance {id} was not resumed.");
    }

    /// <summary>One comparable commit per step with plain ADO.NET on a WAL, synchronous=FULL file.</summary>
    private static double RawSqlBaseline(string folder, int count)
    {
        var path = Path.Combine(folder, "baseline.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, "CREATE TABLE inst(id TEXT PRIMARY KEY, rev INTEGER NOT NULL, data TEXT NOT NULL); CREATE TABLE bm(id TEXT PRIMARY KEY, inst TEXT NOT NULL, hash TEXT NOT NULL); CREATE INDEX bm_hash ON bm(hash); CREATE TABLE journal(id INTEGER PRIMARY KEY, inst TEXT NOT NULL, data TEXT NOT NULL);");
        var state = new string('x', 2_000);
        using (var seed = connection.BeginTransaction())
        {
            for (var i = 0; i < count; i++)
            {
                Execute(connection, "INSERT INTO inst VALUES($id, 1, $data); INSERT INTO bm VALUES($id, $id, 'go');", seed, ("$id", $"i{i}"), ("$data", state));
            }

            seed.Commit();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var id = $"i{i}";
            using var tx = connection.BeginTransaction();
            using (var read = connection.CreateCommand())
            {
                read.Transaction = tx;
                read.CommandText = "SELECT inst FROM bm WHERE hash = 'go' AND inst = $id; SELECT data, rev FROM inst WHERE id = $id;";
                read.Parameters.AddWithValue("$id", id);
                using var reader = read.ExecuteReader();
                while (reader.Read()) { }
                reader.NextResult();
                while (reader.Read()) _ = reader.GetString(0);
            }

            Execute(connection, "UPDATE inst SET data = $data, rev = rev + 1 WHERE id = $id; DELETE FROM bm WHERE id = $id; INSERT INTO journal(inst, data) VALUES($id, '{\"event\":\"resumed\"}');", tx, ("$id", id), ("$data", state));
            tx.Commit();
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
