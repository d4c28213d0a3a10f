using System.ComponentModel.DataAnnotations;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Database choice (<c>Database:Provider</c>); the connection string is <c>ConnectionStrings:Workflows</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(Sqlite|PostgreSql)$", ErrorMessage = "Database:Provider must be Sqlite or PostgreSql.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// The engine's database from <c>Database:Provider</c> and <c>ConnectionStrings:Workflows</c>: SQLite defaults to
    /// <c>workflows.db</c> in the data folder; PostgreSQL needs the connection string.
    /// </summary>
    public static Workflows.Persistence.WorkflowStorage Storage(IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = Workflows.Persistence.WorkflowStorage.ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Workflows");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == Workflows.Persistence.DatabaseProvider.PostgreSql)
                throw new InvalidOperationException("Database:Provider is PostgreSql: set ConnectionStrings:Workflows, e.g. \"Host=db;Database=opiskeluhuolto;Username=workflows;Password=…\".");
            connectionString = $"Data Source={Path.Combine(dataFolder, "workflows.db")}";
        }

        return new Workflows.Persistence.WorkflowStorage(provider, connectionString);
    }
}
