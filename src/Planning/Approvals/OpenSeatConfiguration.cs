using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>Table <c>ApprovalSeats</c>, looked up by e-mail.</summary>
internal sealed class OpenSeatConfiguration : IEntityTypeConfiguration<OpenSeat>
{
    public void Configure(EntityTypeBuilder<OpenSeat> builder)
    {
        builder.ToTable("ApprovalSeats");
        builder.HasKey(x => new { x.WorkflowInstanceId, x.SeatId, x.Email });
        builder.Property(x => x.Email).HasMaxLength(320);
        builder.Property(x => x.SeatId).HasMaxLength(200);
        builder.HasIndex(x => x.Email);
    }
}
