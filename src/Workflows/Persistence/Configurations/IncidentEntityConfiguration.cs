using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>Incidents</c>.</summary>
internal sealed class IncidentEntityConfiguration : IEntityTypeConfiguration<IncidentEntity>
{
    public void Configure(EntityTypeBuilder<IncidentEntity> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.WorkflowInstanceId);
    }
}
