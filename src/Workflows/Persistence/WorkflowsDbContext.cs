using Microsoft.EntityFrameworkCore;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>The engine's database: definitions, instances, bookmarks, triggers, journal, execution records, incidents, outbox.</summary>
public class WorkflowsDbContext : DbContext
{
    /// <summary>Creates the context (SQLite, or the provider the options name).</summary>
    public WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : base(options) { }

    /// <summary>For provider-specific subclasses, which carry their own migrations.</summary>
    protected WorkflowsDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Definitions.</summary>
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    /// <summary>Instances.</summary>
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();

    /// <summary>Bookmarks.</summary>
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    /// <summary>Triggers.</summary>
    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();

    /// <summary>Journal.</summary>
    public DbSet<ExecutionLogEntity> ExecutionLog => Set<ExecutionLogEntity>();

    /// <summary>Activity execution records.</summary>
    public DbSet<ActivityExecutionEntity> ActivityExecutions => Set<ActivityExecutionEntity>();

    /// <summary>Incidents.</summary>
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();

    /// <summary>Outbox.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Effects that reached people (what the outbox delivered, to whom, when).</summary>
    public DbSet<SentEffect> SentEffects => Set<SentEffect>();

    /// <summary>Audit entries written outside bursts.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>Bookmark queue.</summary>
    public DbSet<BookmarkQueueItem> BookmarkQueue => Set<BookmarkQueueItem>();

    /// <summary>Nodes sharing the database (heartbeats).</summary>
    public DbSet<ClusterNode> ClusterNodes => Set<ClusterNode>();

    /// <summary>Data Protection keys shared by the nodes.</summary>
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    /// <summary>Submitted alteration plans.</summary>
    public DbSet<AlterationPlanRecord> AlterationPlans => Set<AlterationPlanRecord>();

    /// <summary>One row per instance of a plan.</summary>
    public DbSet<AlterationJobRecord> AlterationJobs => Set<AlterationJobRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Stored as UTC ticks so that SQLite can order and compare them.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowsDbContext).Assembly);
    }
}
