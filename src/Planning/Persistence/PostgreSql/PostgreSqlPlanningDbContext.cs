using Microsoft.EntityFrameworkCore;

namespace Opiskeluhuolto.Planning.Persistence.PostgreSql;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (in <c>PostgreSql/Migrations</c>) are
/// told apart from the SQLite ones.
/// </summary>
public sealed class PostgreSqlPlanningDbContext(DbContextOptions<PostgreSqlPlanningDbContext> options) : PlanningDbContext(options);
