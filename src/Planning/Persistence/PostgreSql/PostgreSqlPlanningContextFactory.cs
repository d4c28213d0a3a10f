using Microsoft.EntityFrameworkCore;

namespace Opiskeluhuolto.Planning.Persistence.PostgreSql;

/// <summary>Hands out PostgreSQL contexts to everything that asks for the planning context.</summary>
internal sealed class PostgreSqlPlanningContextFactory(IDbContextFactory<PostgreSqlPlanningDbContext> inner) : IDbContextFactory<PlanningDbContext>
{
    public PlanningDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PlanningDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
