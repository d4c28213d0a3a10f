using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Opiskeluhuolto.Planning.Persistence.PostgreSql;

namespace Opiskeluhuolto.Planning.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context PlanningDbContext</c> build the context without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PlanningDbContext>
{
    public PlanningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlanningDbContext>().UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(PlanningDbContext.HistoryTable)).Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgreSqlPlanningDbContext</c> build the context without a server.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPlanningDbContext>
{
    public PostgreSqlPlanningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPlanningDbContext>().UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable(PlanningDbContext.HistoryTable)).Options);
}
