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

    /// <summary>Audit entries written outside bursts.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>Bookmark queue.</summary>
    public DbSet<BookmarkQueueItem> BookmarkQueue => Set<BookmarkQueueItem>();

    /// <summary>Nodes sharing the database (heartbeats).</summary>
    public DbSet<ClusterNode> ClusterNodes => Set<ClusterNode>();

    /// <summary>Data Protection keys shared by the nodes.</summary>
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

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
        modelBuilder.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasIndex(x => new { x.IsLatest, x.IsPublished });
        });
        modelBuilder.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.DefinitionId);
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => new { x.Status, x.SubStatus });
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(x => x.Id);
            // A stimulus names its hash and usually one instance or correlation: thousands of instances wait on the same hash.
            e.HasIndex(x => new { x.Hash, x.WorkflowInstanceId });
            e.HasIndex(x => new { x.Hash, x.CorrelationId });
            e.HasIndex(x => x.WorkflowInstanceId);
            e.HasIndex(x => x.DueAt);
        });
        modelBuilder.Entity<TriggerRecord>(e =>
        {
            e.ToTable("Triggers");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Hash);
            e.HasIndex(x => x.WorkflowDefinitionId);
        });
        modelBuilder.Entity<ExecutionLogEntity>(e =>
        {
            e.ToTable("WorkflowExecutionLog");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkflowInstanceId, x.Sequence });
        });
        modelBuilder.Entity<ActivityExecutionEntity>(e =>
        {
            e.ToTable("ActivityExecutions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkflowInstanceId, x.ActivityNodeId });
        });
        modelBuilder.Entity<IncidentEntity>(e =>
        {
            e.ToTable("Incidents");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.WorkflowInstanceId);
        });
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.IsDeadLetter, x.NextAttemptAt });
            // Messages in flight, by instance: a lane does not start a message while an older one of its instance is in
            // flight in another lane. Few rows at any time, whatever the queue's length.
            e.HasIndex(x => new { x.WorkflowInstanceId, x.Id }).HasDatabaseName("IX_Outbox_InFlight").HasFilter("\"ClaimedAt\" IS NOT NULL");
            e.Property(x => x.ClaimedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ClusterNode>(e =>
        {
            e.ToTable("ClusterNodes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.MachineName).HasMaxLength(200);
        });
        modelBuilder.Entity<DataProtectionKeyRecord>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.HasKey(x => x.Id);
            e.Property(x => x.FriendlyName).HasMaxLength(200);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkflowInstanceId, x.Timestamp });
        });
        modelBuilder.Entity<BookmarkQueueItem>(e =>
        {
            e.ToTable("BookmarkQueue");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Hash);
        });
    }
}
