using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>ActivityExecutions</c>.</summary>
internal sealed class ActivityExecutionEntityConfiguration : IEntityTypeConfiguration<ActivityExecutionEntity>
{
    public void Configure(EntityTypeBuilder<ActivityExecutionEntity> builder)
    {
        builder.ToTable("ActivityExecutions");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.ActivityNodeId });
    }
}
