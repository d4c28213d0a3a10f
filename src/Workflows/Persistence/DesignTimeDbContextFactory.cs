using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkflowsDbContext>
{
    public WorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
