using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Planning.People;

/// <summary>Table <c>DirectoryPeople</c>: a person per import and id.</summary>
internal sealed class DirectoryPersonConfiguration : IEntityTypeConfiguration<DirectoryPerson>
{
    public void Configure(EntityTypeBuilder<DirectoryPerson> builder)
    {
        builder.ToTable("DirectoryPeople");
        builder.HasKey(x => new { x.Source, x.Id });
        builder.Property(x => x.Id).HasMaxLength(100);
        builder.Property(x => x.Source).HasMaxLength(100);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.HasIndex(x => x.Email);
    }
}
