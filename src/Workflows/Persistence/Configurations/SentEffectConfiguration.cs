using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>SentEffects</c>: looked up by person (last mail) and by instance (a cycle's mail).</summary>
internal sealed class SentEffectConfiguration : IEntityTypeConfiguration<SentEffect>
{
    public void Configure(EntityTypeBuilder<SentEffect> builder)
    {
        builder.ToTable("SentEffects");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasMaxLength(200);
        builder.Property(x => x.Recipient).HasMaxLength(320);
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.HasIndex(x => new { x.Recipient, x.SentAt });
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.SentAt });
    }
}
