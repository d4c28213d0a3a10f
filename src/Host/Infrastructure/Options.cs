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

/// <summary>Authentication settings.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// Admin API key accepted as <c>Authorization: ApiKey &lt;key&gt;</c>. When unset, the API is open to loopback
    /// callers in Development and closed elsewhere.
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Studio sign-in user name of the administrator.</summary>
    public string? AdminUser { get; set; }

    /// <summary>Studio sign-in password of the administrator.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Coordinators who sign in to the coordinator's workspace (<c>Auth:Coordinators:0:User</c>, <c>…:Password</c>, <c>…:Name</c>).</summary>
    public List<CoordinatorAccount> Coordinators { get; set; } = [];

    /// <summary>Whether no credential at all is configured (then only loopback callers in Development get in).</summary>
    public bool NothingConfigured => string.IsNullOrEmpty(AdminApiKey) && string.IsNullOrEmpty(AdminPassword) && !Coordinators.Any(c => !string.IsNullOrEmpty(c.Password)) && Jwt?.Enabled != true;

    /// <summary>JWT bearer / OIDC sign-in (<c>Auth:Jwt:*</c>).</summary>
    public JwtOptions? Jwt { get; set; }
}

/// <summary>A coordinator's sign-in.</summary>
public sealed class CoordinatorAccount
{
    /// <summary>User name.</summary>
    public string? User { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Display name (shown in the workspace and the audit trail).</summary>
    public string? Name { get; set; }
}

/// <summary>Where the shipped workflow definitions are loaded from.</summary>
public sealed class WorkflowsJsonOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "WorkflowsJson";

    /// <summary>Folder with <c>*.json</c> definitions; default: <c>workflows-json</c> next to the app, else the repository's.</summary>
    public string? Path { get; set; }

    /// <summary>Import at start-up.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Public base address used in links (<c>Server:BaseUrl</c>); default: the request's own address.</summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Server";

    /// <summary>Absolute base URL, e.g. <c>https://opiskeluhuolto.example.fi</c>.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Path base when served below a sub-path by a reverse proxy, e.g. <c>/opiskeluhuolto</c>.</summary>
    public string? PathBase { get; set; }

    /// <summary>Honour <c>X-Forwarded-For/Proto/Host</c> from a reverse proxy (enable only behind one).</summary>
    public bool ForwardedHeaders { get; set; }
}

/// <summary>The data folder of this service (database, keys, mail pickup, backups).</summary>
/// <param name="Path">Full path.</param>
public sealed record DataFolder(string Path);
