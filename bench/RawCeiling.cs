using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// The rows one engine operation wrote, copied from the engine's own database: per table, each row's columns and values.
/// Replaying them with fresh ids is what the raw ceilings write, so a ratio compares the engine with the same rows written
/// by plain ADO.NET.
/// </summary>
internal sealed class CapturedRows
{
    public Dictionary<string, List<Dictionary<string, object?>>> Tables { get; } = new(StringComparer.Ordinal);

    public int Count => Tables.Values.Sum(t => t.Count);

    /// <summary>The instance's rows in the engine's tables (optionally only those not in <paramref name="except"/>).</summary>
    public static CapturedRows Of(string database, string instanceId, CapturedRows? except = null)
    {
        var rows = new CapturedRows();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        connection.Open();
        foreach (var (table, key) in new[] { ("WorkflowInstances", "Id"), ("Bookmarks", "WorkflowInstanceId"), ("WorkflowExecutionLog", "WorkflowInstanceId"), ("ActivityExecutions", "WorkflowInstanceId"), ("Outbox", "WorkflowInstanceId") })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT * FROM "{table}" WHERE "{key}" = $id""";
            command.Parameters.AddWithValue("$id", instanceId);
            using var reader = command.ExecuteReader();
            var list = new List<Dictionary<string, object?>>();
            while (reader.Read())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                var old = except?.Tables.GetValueOrDefault(table)?.FirstOrDefault(o => Equals(o.GetValueOrDefault("Id"), row.GetValueOrDefault("Id")));
                if (old is null || !old.SequenceEqual(row)) list.Add(row);
            }

            rows.Tables[table] = list;
        }

        return rows;
    }
}

/// <summary>
/// Plain ADO.NET on one SQLite connection (WAL, synchronous=FULL, statements prepared once) with the engine's kind of group
/// commit: whatever writes queue up while a transaction commits go into the next one, and each caller's write returns once
/// its transaction is durable. No savepoints, no serialisation, no model: the raw work the engine's writes stand for.
/// </summary>
internal sealed class RawGroupWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Channel<(Action<RawGroupWriter> Work, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(Action<RawGroupWriter>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private SqliteTransaction? _transaction;

    public RawGroupWriter(string database)
    {
        _connection = new SqliteConnection($"Data Source={database};Pooling=false");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Commits <paramref name="work"/> with whatever else is queued; returns once it is durable.</summary>
    public Task WriteAsync(Action<RawGroupWriter> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((work, done));
        return done.Task;
    }

    /// <summary>Runs <paramref name="sql"/> (parameters <c>$p0</c>, <c>$p1</c>, …) in the current transaction, prepared once per text.</summary>
    public int Execute(string sql, params object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++) command.Parameters.Add(new SqliteParameter("$p" + i, values[i] ?? DBNull.Value));
            _commands[sql] = command;
        }

        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.Transaction = _transaction;
        return command.ExecuteNonQuery();
    }

    /// <summary>Inserts <paramref name="row"/> into <paramref name="table"/> with <paramref name="replace"/>d values (an integer key left to the table).</summary>
    public void Insert(string table, Dictionary<string, object?> row, IReadOnlyDictionary<string, object?> replace, string? onConflict = null)
    {
        var columns = row.Keys.Where(c => !(c == "Id" && row[c] is long)).ToList();
        var sql = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))}){onConflict}""";
        Execute(sql, [.. columns.Select(c => replace.TryGetValue(c, out var v) ? v : row[c])]);
    }

    private async Task LoopAsync()
    {
        var group = new List<(Action<RawGroupWriter> Work, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (_queue.Reader.TryRead(out var item)) group.Add(item);
            try
            {
                using (_transaction = _connection.BeginTransaction())
                {
                    foreach (var (work, _) in group) work(this);
                    _transaction.Commit();
                }

                _transaction = null;
                foreach (var (_, done) in group) done.SetResult();
            }
            catch (Exception e)
            {
                _transaction = null;
                foreach (var (_, done) in group) done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        foreach (var command in _commands.Values) command.Dispose();
        await _connection.DisposeAsync();
    }
}

/// <summary>The same-run ceilings of starts and resumes: the engine's rows for one operation, written by plain ADO.NET with group commit.</summary>
internal static class RawCeiling
{
    /// <summary>Starts per second writing <paramref name="start"/>'s rows with fresh ids, by <paramref name="callers"/> concurrent callers.</summary>
    public static async Task<double> StartsAsync(string database, CapturedRows start, int count, int callers)
    {
        await using var writer = new RawGroupWriter(database);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (_, _) =>
        {
            var id = IdGenerator.New();
            await writer.WriteAsync(w => InsertAll(w, start, id));
        });
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Resumes per second: <paramref name="count"/> instances seeded with <paramref name="started"/>'s rows, then each
    /// resumed as the engine does it — read the bookmark and the state on a connection of its own, then write the state
    /// with the next revision, delete the bookmarks, and add <paramref name="resume"/>'s journal, activity-record (as
    /// upserts) and outbox rows — by <paramref name="callers"/> concurrent callers.
    /// </summary>
    public static async Task<double> ResumesAsync(string database, CapturedRows started, CapturedRows resume, int count, int callers)
    {
        var ids = new List<string>(count);
        await using (var writer = new RawGroupWriter(database))
        {
            for (var batch = 0; batch < count; batch += 1_000)
            {
                var these = Enumerable.Range(0, Math.Min(1_000, count - batch)).Select(_ => IdGenerator.New()).ToList();
                ids.AddRange(these);
                await writer.WriteAsync(w => { foreach (var id in these) InsertAll(w, started, id); });
            }
        }

        var hash = (string)started.Tables["Bookmarks"][0]["Hash"]!;
        var state = (string)resume.Tables["WorkflowInstances"][0]["Data"]!;
        await using var resumes = new RawGroupWriter(database);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = callers }, async (id, ct) =>
        {
            long revision;
            await using (var read = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
            {
                read.Open();
                using var command = read.CreateCommand();
                command.CommandText = """
                    SELECT "Id" FROM "Bookmarks" WHERE "Hash" = $hash AND "WorkflowInstanceId" = $id;
                    SELECT "Data", "Revision" FROM "WorkflowInstances" WHERE "Id" = $id;
                    """;
                command.Parameters.AddWithValue("$hash", hash);
                command.Parameters.AddWithValue("$id", id);
                using var reader = command.ExecuteReader();
                if (!reader.Read()) throw new InvalidOperationException($"No bookmark for {id}.");
                reader.NextResult();
                reader.Read();
                _ = reader.GetString(0);
                revision = reader.GetInt64(1);
            }

            await resumes.WriteAsync(w =>
            {
                if (w.Execute("""UPDATE "WorkflowInstances" SET "Revision" = $p0, "Data" = $p1, "Status" = $p2, "SubStatus" = $p3 WHERE "Id" = $p4 AND "Revision" = $p5""",
                    revision + 1, state, "Finished", "Finished", id, revision) != 1) throw new InvalidOperationException("lost race");
                w.Execute("""DELETE FROM "Bookmarks" WHERE "WorkflowInstanceId" = $p0""", id);
                foreach (var row in resume.Tables["WorkflowExecutionLog"]) w.Insert("WorkflowExecutionLog", row, Fresh(row, id));
                foreach (var row in resume.Tables["ActivityExecutions"])
                {
                    w.Insert("ActivityExecutions", row, new Dictionary<string, object?> { ["Id"] = $"{id}-{row["ActivityId"]}", ["WorkflowInstanceId"] = id },
                        """ ON CONFLICT ("Id") DO UPDATE SET "Status" = excluded."Status", "CompletedAt" = excluded."CompletedAt", "Data" = excluded."Data" """);
                }

                foreach (var row in resume.Tables["Outbox"]) w.Insert("Outbox", row, Fresh(row, id));
            });
        });
        return count / clock.Elapsed.TotalSeconds;
    }

    private static void InsertAll(RawGroupWriter writer, CapturedRows rows, string id)
    {
        foreach (var row in rows.Tables["WorkflowInstances"]) writer.Insert("WorkflowInstances", row, new Dictionary<string, object?> { ["Id"] = id });
        foreach (var row in rows.Tables["Bookmarks"]) writer.Insert("Bookmarks", row, Fresh(row, id));
        foreach (var row in rows.Tables["WorkflowExecutionLog"]) writer.Insert("WorkflowExecutionLog", row, Fresh(row, id));
        foreach (var row in rows.Tables["ActivityExecutions"]) writer.Insert("ActivityExecutions", row, new Dictionary<string, object?> { ["Id"] = $"{id}-{row["ActivityId"]}", ["WorkflowInstanceId"] = id });
        foreach (var row in rows.Tables["Outbox"]) writer.Insert("Outbox", row, Fresh(row, id));
    }

    private static Dictionary<string, object?> Fresh(Dictionary<string, object?> row, string instanceId) =>
        row["Id"] is string
            ? new Dictionary<string, object?> { ["Id"] = IdGenerator.New(), ["WorkflowInstanceId"] = instanceId }
            : new Dictionary<string, object?> { ["WorkflowInstanceId"] = instanceId };
}
