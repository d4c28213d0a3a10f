using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Planning.People;

/// <summary>Table <c>DirectoryRoles</c>: who holds which role, with their deputy.</summary>
internal sealed class DirectoryRoleConfiguration : IEntityTypeConfiguration<DirectoryRole>
{
    public void Configure(EntityTypeBuilder<DirectoryRole> builder)
    {
        builder.ToTable("DirectoryRoles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Role).HasMaxLength(200);
        builder.Property(x => x.Source).HasMaxLength(100);
        builder.HasIndex(x => x.Role);
        builder.HasIndex(x => x.Source);
    }
}
