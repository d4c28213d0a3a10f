namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Which database the engine uses, and this process's identity among the nodes sharing it.</summary>
public sealed class WorkflowStorage
{
    /// <summary>Creates the settings.</summary>
    public WorkflowStorage(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string (<c>ConnectionStrings:Workflows</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>True when several processes may share the database.</summary>
    public bool IsShared => Provider == DatabaseProvider.PostgreSql;

    /// <summary>This process's node id: new for every start, so a restarted node never mistakes an old claim for its own.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Parses <c>Database:Provider</c> (<c>Sqlite</c> or <c>PostgreSql</c>, any case; empty means SQLite).</summary>
    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => throw new ArgumentException($"Database:Provider must be Sqlite or PostgreSql, not '{value}'.", nameof(value)),
    };
}
