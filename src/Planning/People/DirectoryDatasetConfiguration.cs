using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Planning.People;

/// <summary>Table <c>DirectoryDatasets</c>: each imported file, whole.</summary>
internal sealed class DirectoryDatasetConfiguration : IEntityTypeConfiguration<DirectoryDataset>
{
    public void Configure(EntityTypeBuilder<DirectoryDataset> builder)
    {
        builder.ToTable("DirectoryDatasets");
        builder.HasKey(x => x.Source);
        builder.Property(x => x.Source).HasMaxLength(100);
    }
}
