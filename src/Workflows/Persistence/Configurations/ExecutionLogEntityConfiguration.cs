using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>WorkflowExecutionLog</c>.</summary>
internal sealed class ExecutionLogEntityConfiguration : IEntityTypeConfiguration<ExecutionLogEntity>
{
    public void Configure(EntityTypeBuilder<ExecutionLogEntity> builder)
    {
        builder.ToTable("WorkflowExecutionLog");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.Sequence });
    }
}
