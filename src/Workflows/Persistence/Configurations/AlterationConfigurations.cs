using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>AlterationPlans</c>.</summary>
internal sealed class AlterationPlanRecordConfiguration : IEntityTypeConfiguration<AlterationPlanRecord>
{
    public void Configure(EntityTypeBuilder<AlterationPlanRecord> builder)
    {
        builder.ToTable("AlterationPlans");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.HasIndex(x => x.Status);
    }
}

/// <summary>Table <c>AlterationJobs</c>.</summary>
internal sealed class AlterationJobRecordConfiguration : IEntityTypeConfiguration<AlterationJobRecord>
{
    public void Configure(EntityTypeBuilder<AlterationJobRecord> builder)
    {
        builder.ToTable("AlterationJobs");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.PlanId).HasMaxLength(64);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.HasIndex(x => new { x.Status, x.CreatedAt });
        builder.HasIndex(x => x.PlanId);
    }
}
