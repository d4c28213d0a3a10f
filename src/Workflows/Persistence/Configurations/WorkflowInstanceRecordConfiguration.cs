using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>WorkflowInstances</c>.</summary>
internal sealed class WorkflowInstanceRecordConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => x.DefinitionId);
        builder.HasIndex(x => x.CorrelationId);
        builder.HasIndex(x => new { x.Status, x.SubStatus });
        builder.HasIndex(x => x.CreatedAt);
    }
}
