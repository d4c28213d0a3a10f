using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>Audit</c>.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("Audit");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.Timestamp });
    }
}
