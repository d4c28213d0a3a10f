using System.Reflection;
using Npgsql;
using Opiskeluhuolto.Workflows.Persistence;
using Xunit;
using Xunit.Sdk;

namespace Opiskeluhuolto.TestSupport;

/// <summary>
/// The PostgreSQL server the tests may use: <c>TEST_POSTGRES</c> holds a connection string without a database
/// (<c>Host=127.0.0.1;Port=5432;Username=postgres</c>); <c>.ci/run</c> installs, starts and sets it. Each test gets a
/// database of its own, dropped afterwards. Without the variable the PostgreSQL tests are skipped and say why.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TEST_POSTGRES";

    /// <summary>Why PostgreSQL tests were skipped.</summary>
    public const string SkipReason = "No PostgreSQL server for tests: set TEST_POSTGRES=\"Host=127.0.0.1;Port=5432;Username=postgres\" (.ci/run installs and starts one).";

    /// <summary>The server's connection string, or null.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>A connection string naming a new, not yet created database (the service creates it at start-up).</summary>
    public static string NewDatabase(string prefix)
    {
        var server = Server ?? throw new InvalidOperationException(SkipReason);
        return new NpgsqlConnectionStringBuilder(server) { Database = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant() }.ConnectionString;
    }

    /// <summary>Drops the test's database (closing whatever connections are left).</summary>
    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs the PostgreSQL server: skipped with <see cref="TestPostgres.SkipReason"/> without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PostgresFactAttribute()
    {
        if (TestPostgres.Server is null) Skip = TestPostgres.SkipReason;
    }
}

/// <summary>The PostgreSQL row of a theory (with <c>[InlineData(DatabaseProvider.Sqlite)]</c>), skipped without a server.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnPostgreSqlAttribute : DataAttribute
{
    /// <summary>Creates the attribute.</summary>
    public OnPostgreSqlAttribute()
    {
        if (TestPostgres.Server is null) Skip = TestPostgres.SkipReason;
    }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.PostgreSql]];
}
