using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Planning.Persistence;

/// <summary>
/// The planning module's tables in the engine's database (the people directory and the imported files), with their own
/// migrations and history table <c>__PlanningMigrationsHistory</c> (docs/adr/0003).
/// </summary>
public class PlanningDbContext : DbContext
{
    /// <summary>The migrations history table of this context.</summary>
    public const string HistoryTable = "__PlanningMigrationsHistory";

    /// <summary>Creates the context (SQLite, or the provider the options name).</summary>
    public PlanningDbContext(DbContextOptions<PlanningDbContext> options) : base(options) { }

    /// <summary>For provider-specific subclasses, which carry their own migrations.</summary>
    protected PlanningDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Directory people.</summary>
    public DbSet<DirectoryPerson> DirectoryPeople => Set<DirectoryPerson>();

    /// <summary>Directory roles.</summary>
    public DbSet<DirectoryRole> DirectoryRoles => Set<DirectoryRole>();

    /// <summary>Imported region and steering-group files, kept whole for starting cycles.</summary>
    public DbSet<DirectoryDataset> DirectoryDatasets => Set<DirectoryDataset>();

    /// <summary>People asked in open seats of running instances (<c>ApprovalSeats</c>).</summary>
    public DbSet<Approvals.OpenSeat> OpenSeats => Set<Approvals.OpenSeat>();

    /// <summary>What cycles keep: document versions, county decisions, the plan's attachment (<c>CycleRecords</c>).</summary>
    public DbSet<Cycles.Records.CycleRecord> CycleRecords => Set<Cycles.Records.CycleRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlanningDbContext).Assembly);
    }
}
