using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>WorkflowDefinitions</c>.</summary>
internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(100);
        builder.Property(x => x.DefinitionId).HasMaxLength(100);
        builder.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
        builder.HasIndex(x => x.Name);
        builder.HasIndex(x => new { x.IsLatest, x.IsPublished });
    }
}
