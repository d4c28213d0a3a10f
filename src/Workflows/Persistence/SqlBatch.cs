using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// Statements sent to the database as one multi-statement command (one round trip), with their values as parameters.
/// Placeholders <c>{0}</c>, <c>{1}</c>… in each statement stand for that statement's values. Date-times are stored as UTC
/// ticks, as the EF model stores them. Large batches go out in chunks.
/// </summary>
internal sealed class SqlBatch(DbConnection connection, DbTransaction transaction)
{
    private const int MaxStatementsPerCommand = 200;
    private readonly List<(string Sql, object?[] Values)> _statements = [];

    /// <summary>Adds a statement.</summary>
    public void Add(string sql, params object?[] values) => _statements.Add((sql, values));

    /// <summary>Executes every statement added; returns the rows affected in total.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
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
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + number.ToString(CultureInfo.InvariantCulture);
                    parameter.Value = Convert(values[i]);
                    command.Parameters.Add(parameter);
                    names[i] = parameter.ParameterName;
                    number++;
                }

                text.Append(string.Format(CultureInfo.InvariantCulture, sql, names)).Append(";\n");
            }

            command.CommandText = text.ToString();
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _statements.Clear();
        return affected;
    }

    private static object Convert(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.UtcTicks,
        _ => value,
    };
}
