using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>Triggers</c>.</summary>
internal sealed class TriggerRecordConfiguration : IEntityTypeConfiguration<TriggerRecord>
{
    public void Configure(EntityTypeBuilder<TriggerRecord> builder)
    {
        builder.ToTable("Triggers");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Hash);
        builder.HasIndex(x => x.WorkflowDefinitionId);
    }
}
