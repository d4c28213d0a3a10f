using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// Statements written together, with their values as parameters. Placeholders <c>{0}</c>, <c>{1}</c>… in each statement
/// stand for that statement's values. Date-times are stored as UTC ticks, as the EF model stores them.
/// </summary>
/// <remarks>
/// On a connection with a <see cref="StatementCache"/> (the SQLite writer's own) each statement runs as a command
/// prepared once per connection, with only its values bound: no parsing per write. Elsewhere (PostgreSQL) the
/// statements go out as one multi-statement command per 200 statements: one round trip.
/// </remarks>
public sealed class SqlBatch
{
    private const int MaxStatementsPerCommand = 200;
    private readonly List<(string Sql, object[] Values)> _statements = [];

    /// <summary>Adds a statement.</summary>
    public void Add(string sql, params object?[] values)
    {
        var converted = new object[values.Length];
        for (var i = 0; i < values.Length; i++) converted[i] = Convert(values[i]);
        _statements.Add((sql, converted));
    }

    /// <summary>Executes every statement in <paramref name="transaction"/>; returns the rows affected in total.</summary>
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (StatementCache.Of(connection) is { } cache)
        {
            var affected = 0;
            foreach (var (sql, values) in _statements) affected += await cache.ExecuteAsync(sql, values, transaction, cancellationToken);
            return affected;
        }

        return await ExecuteCombinedAsync(connection, transaction, cancellationToken);
    }

    private async Task<int> ExecuteCombinedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var affected = 0;
        for (var offset = 0; offset < _statements.Count; offset += MaxStatementsPerCommand)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder();
            var number = 0;
            foreach (var (sql, values) in _statements.Skip(offset).Take(MaxStatementsPerCommand))
            {
                var names = new object[values.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    var name = ParameterName(number++);
                    AddParameter(command, name, values[i]);
                    names[i] = name;
                }

                text.Append(string.Format(CultureInfo.InvariantCulture, sql, names)).Append(";\n");
            }

            command.CommandText = text.ToString();
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    internal static string ParameterName(int number) => "@p" + number.ToString(CultureInfo.InvariantCulture);

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static object Convert(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.UtcTicks,
        _ => value,
    };
}

/// <summary>
/// Prepared commands of one long-lived connection, one per statement text (the SQLite writer's). Not thread-safe: the
/// connection has one user at a time anyway.
/// </summary>
internal sealed class StatementCache : IDisposable
{
    private static readonly ConditionalWeakTable<DbConnection, StatementCache> Caches = [];
    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DbCommand> _queries = new(StringComparer.Ordinal);

    private StatementCache(DbConnection connection) => _connection = connection;

    /// <summary>Gives <paramref name="connection"/> a cache for as long as it lives.</summary>
    public static StatementCache Attach(DbConnection connection)
    {
        var cache = new StatementCache(connection);
        Caches.AddOrUpdate(connection, cache);
        return cache;
    }

    /// <summary>The cache of <paramref name="connection"/>, if it has one.</summary>
    public static StatementCache? Of(DbConnection connection) => Caches.TryGetValue(connection, out var cache) ? cache : null;

    /// <summary>Runs <paramref name="sql"/> (with <c>{n}</c> placeholders) with <paramref name="values"/>.</summary>
    public Task<int> ExecuteAsync(string sql, object[] values, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            var names = new object[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                names[i] = SqlBatch.ParameterName(i);
                SqlBatch.AddParameter(command, (string)names[i], DBNull.Value);
            }

            command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, names);
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The command of a query run often on this connection (<paramref name="sql"/> with named parameters, created by
    /// <paramref name="create"/> the first time): SQLite prepares it once, the caller sets its values and runs it.
    /// </summary>
    public DbCommand Query(string sql, Action<DbCommand> create)
    {
        if (!_queries.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            create(command);
            _queries.Add(sql, command);
        }

        return command;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values.Concat(_queries.Values)) command.Dispose();
        _commands.Clear();
        _queries.Clear();
        Caches.Remove(_connection);
    }
}
