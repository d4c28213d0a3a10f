using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.TestSupport;

/// <summary>Checks an embedded SQLite schema script against what EF writes for the context's migrations now.</summary>
public static class SchemaScriptCheck
{
    /// <summary>Fails with <paramref name="regenerate"/> (the command to run) when the script lags behind the migrations.</summary>
    public static void AssertCurrent(DbContext db, SqliteSchemaScript script, string regenerate)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(script);
        Assert.True(Normalise(db.GetService<IMigrator>().GenerateScript()) == Normalise(script.Sql), $"The SQLite schema script lags behind the migrations: {regenerate}");
        Assert.Equal(db.Database.GetMigrations(), script.Migrations);
    }

    private static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');
}
