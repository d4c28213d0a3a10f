using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Opiskeluhuolto.Workflows.Persistence.PostgreSql;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (in <c>PostgreSql/Migrations</c>)
/// are told apart from the SQLite ones; both are generated from <see cref="WorkflowsDbContext"/>'s one model.
/// </summary>
public sealed class PostgreSqlWorkflowsDbContext(DbContextOptions<PostgreSqlWorkflowsDbContext> options) : WorkflowsDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add --context PostgreSqlWorkflowsDbContext</c> build the context without a server.</summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlWorkflowsDbContext>
{
    public PostgreSqlWorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlWorkflowsDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

/// <summary>Hands out PostgreSQL contexts to everything that asks for the engine's context.</summary>
internal sealed class PostgreSqlContextFactory(IDbContextFactory<PostgreSqlWorkflowsDbContext> inner) : IDbContextFactory<WorkflowsDbContext>
{
    public WorkflowsDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<WorkflowsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
