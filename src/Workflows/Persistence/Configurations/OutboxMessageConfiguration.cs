using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>Outbox</c>.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.IsDeadLetter, x.NextAttemptAt });
        // Messages in flight, by instance: a lane does not start a message while an older one of its instance is in
        // flight in another lane. Few rows at any time, whatever the queue's length.
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.Id }).HasDatabaseName("IX_Outbox_InFlight").HasFilter("\"ClaimedAt\" IS NOT NULL");
        builder.Property(x => x.ClaimedBy).HasMaxLength(100);
    }
}
