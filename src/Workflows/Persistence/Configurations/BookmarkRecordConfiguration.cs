using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>Bookmarks</c>.</summary>
internal sealed class BookmarkRecordConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(x => x.Id);
        // A stimulus names its hash and usually one instance or correlation: thousands of instances wait on the same hash.
        builder.HasIndex(x => new { x.Hash, x.WorkflowInstanceId });
        builder.HasIndex(x => new { x.Hash, x.CorrelationId });
        builder.HasIndex(x => x.WorkflowInstanceId);
        builder.HasIndex(x => x.DueAt);
    }
}
