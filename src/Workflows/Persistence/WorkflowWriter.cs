using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A write that runs inside a transaction it does not own; what it returns is handed back after the commit.</summary>
public delegate Task<T> WriteWork<T>(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

/// <summary>
/// The engine's hot writes (burst commits, outbox claims and deletions, timer clean-up). Each write is atomic and durable
/// when its task completes.
/// </summary>
/// <remarks>
/// <para>
/// On SQLite one process has the only writer anyway, so writes queue for one connection and are <b>group-committed</b>:
/// whatever is waiting when the previous commit ends goes into the next transaction, each write in a savepoint of its
/// own, so a failing write (a lost revision race, a constraint) is rolled back alone and fails only its caller. Callers
/// never wait on SQLite's busy handler (which polls with sleeps of up to 100 ms) and one fsync covers many writes.
/// </para>
/// <para>
/// Checkpoints (copying committed pages from the write-ahead log into the database file) run beside the writer on a
/// connection of their own, at most every <see cref="CheckpointInterval"/> while writes come in, so the writer does
/// not stop for them and a page changed by many commits in that time is copied once. SQLite's own automatic
/// checkpoint on the writer's connection stays as a backstop for a log that grows past
/// <see cref="BackstopCheckpointPages"/> pages.
/// </para>
/// <para>
/// On PostgreSQL every write is its own transaction on a pooled connection: several nodes write at once, and a group
/// would hold row locks for others' writes.
/// </para>
/// </remarks>
public sealed class WorkflowWriter : IAsyncDisposable, IDisposable
{
    private const int MaxWritesPerTransaction = 256;
    private const int BackstopCheckpointPages = 10_000;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);
    private readonly WorkflowStorage _storage;
    private readonly IDbContextFactory<WorkflowsDbContext> _contextFactory;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly CancellationTokenSource _stopCheckpoints = new();
    private Task? _loop;
    private SqliteConnection? _connection;
    private StatementCache? _statements;
    private Task? _checkpoints;
    private TaskCompletionSource _checkpointScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _checkpointDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the writer; <paramref name="time"/> paces the checkpoints.</summary>
    public WorkflowWriter(WorkflowStorage storage, IDbContextFactory<WorkflowsDbContext> contextFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        _storage = storage;
        _contextFactory = contextFactory;
        _time = time;
    }

    /// <summary>Completes when the checkpoint after the next commit has been scheduled (its interval started).</summary>
    internal Task CheckpointScheduled => Volatile.Read(ref _checkpointScheduled).Task;

    /// <summary>Completes when the next checkpoint has run.</summary>
    internal Task CheckpointDone => Volatile.Read(ref _checkpointDone).Task;

    /// <summary>Writes waiting for the next transaction (SQLite; always 0 on PostgreSQL).</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and returns its result once that transaction is committed. An
    /// exception from the work rolls back that work only and is rethrown here. Cancellation is honoured until the work
    /// starts; after that the write completes (a caller never sees "cancelled" for a write that was committed).
    /// </summary>
    public Task<T> WriteAsync<T>(WriteWork<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_storage.Provider == DatabaseProvider.PostgreSql) return WriteAloneAsync(work, cancellationToken);
        var pending = new PendingWrite<T>(work, cancellationToken);
        EnsureLoop();
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(WorkflowWriter));
        return pending.Completion.Task;
    }

    private async Task<T> WriteAloneAsync<T>(WriteWork<T> work, CancellationToken cancellationToken)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private void EnsureLoop()
    {
        if (_loop is not null) return;
        lock (_startLock)
        {
            _checkpoints ??= Task.Run(CheckpointLoopAsync);
            _loop ??= Task.Run(LoopAsync);
        }
    }

    private async Task CheckpointLoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                await _checkpointDue.WaitAsync(_stopCheckpoints.Token);
                // Let commits gather: pages they change again in the meantime are copied once.
                var gather = Task.Delay(CheckpointInterval, _time, _stopCheckpoints.Token);
                Interlocked.Exchange(ref _checkpointScheduled, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                await gather;
                try
                {
                    connection ??= await OpenConfiguredAsync(_stopCheckpoints.Token);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await command.ExecuteNonQueryAsync(_stopCheckpoints.Token);
                    Interlocked.Exchange(ref _checkpointDone, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
                catch (SqliteException)
                {
                    // Busy or I/O trouble: the next round tries again, and the writer's own checkpoint is the backstop.
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stopCheckpoints.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task LoopAsync()
    {
        var batch = new List<PendingWrite>(MaxWritesPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerTransaction && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested) next.Cancel();
                else batch.Add(next);
            }

            if (batch.Count > 0) await CommitGroupAsync(batch);
            batch.Clear();
        }

        await DropConnectionAsync();
    }

    private async Task CommitGroupAsync(List<PendingWrite> batch)
    {
        DbTransaction transaction;
        try
        {
            var connection = await OpenAsync();
            transaction = await connection.BeginTransactionAsync();
        }
        catch (Exception e)
        {
            await DropConnectionAsync();
            foreach (var write in batch) write.Fail(e);
            return;
        }

        var succeeded = new List<PendingWrite>(batch.Count);
        var alone = batch.Count == 1;
        try
        {
            foreach (var write in batch)
            {
                // One write needs no savepoint: its failure rolls back the whole transaction below. The savepoint
                // statements are prepared once on the connection (DbTransaction.SaveAsync parsed them for every write).
                if (!alone) await SavepointAsync("SAVEPOINT w", transaction);
                try
                {
                    await write.RunAsync(_connection!, transaction);
                    if (!alone) await SavepointAsync("RELEASE w", transaction);
                    succeeded.Add(write);
                }
                catch (Exception e) when (!alone)
                {
                    await SavepointAsync("ROLLBACK TO w", transaction);
                    await SavepointAsync("RELEASE w", transaction);
                    write.Fail(e);
                }
            }

            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // The commit (or a savepoint) failed: nothing of this group is durable.
            await SafeRollbackAsync(transaction);
            foreach (var write in batch.Except(succeeded).Where(w => !w.IsCompleted)) write.Fail(e);
            foreach (var write in succeeded) write.Fail(e);
            await transaction.DisposeAsync();
            return;
        }

        await transaction.DisposeAsync();
        foreach (var write in succeeded) write.Complete();
        if (_checkpointDue.CurrentCount == 0) _checkpointDue.Release();
    }

    private Task<int> SavepointAsync(string sql, DbTransaction transaction) => _statements!.ExecuteAsync(sql, [], transaction, CancellationToken.None);

    private async Task<SqliteConnection> OpenAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        await DropConnectionAsync();
        var connection = await OpenConfiguredAsync(CancellationToken.None);
        await using (var backstop = connection.CreateCommand())
        {
            backstop.CommandText = $"PRAGMA wal_autocheckpoint={BackstopCheckpointPages}";
            await backstop.ExecuteNonQueryAsync();
        }

        _statements = StatementCache.Attach(connection);
        _connection = connection;
        return connection;
    }

    private async Task<SqliteConnection> OpenConfiguredAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_storage.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await SqlitePragmaInterceptor.ConfigureAsync(connection, cancellationToken);
        return connection;
    }

    private async Task DropConnectionAsync()
    {
        _statements?.Dispose();
        _statements = null;
        if (_connection is null) return;
        await _connection.DisposeAsync();
        _connection = null;
    }

    private static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // Already rolled back by the database (e.g. the commit itself failed).
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop, checkpoints;
        lock (_startLock) (loop, checkpoints) = (_loop, _checkpoints);
        if (loop is not null) await loop;
        else await DropConnectionAsync();
        await _stopCheckpoints.CancelAsync();
        if (checkpoints is not null) await checkpoints;
        _stopCheckpoints.Dispose();
        _checkpointDue.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract bool IsCompleted { get; }

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(WriteWork<T> work, CancellationToken cancellationToken) : PendingWrite(cancellationToken)
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool IsCompleted => Completion.Task.IsCompleted;

        // The caller's token is not passed on: once started, the write is finished rather than torn.
        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            _result = await work(connection, transaction, CancellationToken.None);

        public override void Complete() => Completion.TrySetResult(_result);

        public override void Fail(Exception error) => Completion.TrySetException(error);

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
    }
}
