namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>The database behind the engine.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by one or more nodes.</summary>
    PostgreSql,
}
