using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// A context's SQLite migrations as the one script <c>dotnet ef migrations script</c> writes, embedded in its assembly:
/// an empty database is created by running it, and a database whose history already lists every migration in it is left
/// alone, both without EF's migrator (which builds the model of every migration on each start: most of a cold start's
/// database step, issue 20). Anything else — a database part-way, or made by an earlier version — goes through EF's
/// migrator as before. A test regenerates each script and compares (<c>SqliteSchemaScriptTests</c>).
/// </summary>
public sealed partial class SqliteSchemaScript
{
    private SqliteSchemaScript(string sql, string historyTable)
    {
        Sql = sql;
        HistoryTable = historyTable;
        Migrations = [.. HistoryInsert().Matches(sql).Select(m => m.Groups[1].Value)];
        Tables = [.. CreateTable().Matches(sql).Select(m => m.Groups[1].Value).Where(t => t != historyTable)];
    }

    /// <summary>The script's text.</summary>
    public string Sql { get; }

    /// <summary>The migrations table the script fills.</summary>
    public string HistoryTable { get; }

    /// <summary>The migrations the script applies, in order.</summary>
    public IReadOnlyList<string> Migrations { get; }

    /// <summary>The tables it creates (besides the history table).</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Reads the embedded script <paramref name="resource"/> of <paramref name="assembly"/>.</summary>
    public static SqliteSchemaScript Load(Assembly assembly, string resource, string historyTable = "__EFMigrationsHistory")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The schema script {resource} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return new SqliteSchemaScript(reader.ReadToEnd(), historyTable);
    }

    /// <summary>What a database holds of this script.</summary>
    public enum State
    {
        /// <summary>Neither the history table nor any of the script's tables: the script creates everything.</summary>
        Empty,

        /// <summary>The history lists exactly the script's migrations.</summary>
        Current,

        /// <summary>Anything else: EF's migrator decides.</summary>
        Other,
    }

    /// <summary>
    /// Finds what the database behind <paramref name="db"/> holds of the script and runs the script when it holds nothing
    /// (<see cref="State.Empty"/> is returned after the script ran). The caller migrates with EF on <see cref="State.Other"/>.
    /// </summary>
    public async Task<State> ApplyIfEmptyAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var state = await InspectAsync(db.Database.GetDbConnection(), cancellationToken);
            if (state == State.Empty)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = Sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return state;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<State> InspectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = await ReadColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
        if (!tables.Contains(HistoryTable)) return Tables.Any(tables.Contains) ? State.Other : State.Empty;
        var applied = await ReadColumnAsync(connection, $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"", cancellationToken);
        return applied.SetEquals(Migrations) ? State.Current : State.Other;
    }

    private static async Task<HashSet<string>> ReadColumnAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    [GeneratedRegex("""INSERT INTO "[^"]+" \("MigrationId", "ProductVersion"\)\s*VALUES \('([^']+)'""")]
    private static partial Regex HistoryInsert();

    [GeneratedRegex("""CREATE TABLE (?:IF NOT EXISTS )?"([^"]+)" \(""")]
    private static partial Regex CreateTable();
}
