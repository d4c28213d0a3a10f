using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// Sets SQLite pragmas on every physical connection: WAL, full sync, a busy timeout and foreign keys. A pooled open
/// hands back a native connection that already has them, so they are set once per native handle, not on every open.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    // A read-only connection (EF opens one to see whether the file exists) cannot switch a database that is not yet in
    // WAL mode (a restored copy, a file made by another tool); the next read-write connection does.
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=10000;";

    // Native handles that have their pragmas; entries go when the pool closes the handle.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ConfigureAsync(connection, cancellationToken);
    }

    /// <summary>Sets the pragmas on an open connection unless its native handle has them already.</summary>
    public static async Task ConfigureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static string PragmasFor(DbConnection connection) =>
        connection is SqliteConnection sqlite && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : Pragmas;

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, handle);
    }
}
