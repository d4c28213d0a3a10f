using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>Table <c>BookmarkQueue</c>.</summary>
internal sealed class BookmarkQueueItemConfiguration : IEntityTypeConfiguration<BookmarkQueueItem>
{
    public void Configure(EntityTypeBuilder<BookmarkQueueItem> builder)
    {
        builder.ToTable("BookmarkQueue");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Hash);
    }
}
