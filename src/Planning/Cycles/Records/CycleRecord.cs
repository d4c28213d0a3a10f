using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Opiskeluhuolto.Planning.Cycles.Records;

/// <summary>
/// Something a cycle keeps (table <c>CycleRecords</c>): a version of the plan document, a decision of a county body, the
/// plan's place in the welfare plan. Written with the instance that recorded it, in the same commit
/// (<see cref="CycleRecordWriter"/>), or by the coordinator on the dashboard.
/// </summary>
public sealed class CycleRecord
{
    /// <summary>Unique id (the recording request's instance, activity and seat; or a new id).</summary>
    public string Id { get; set; } = "";

    /// <summary>The cycle's instance id.</summary>
    public string CycleInstanceId { get; set; } = "";

    /// <summary><see cref="CycleRecordKinds"/>: Document, Decision or Attachment.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What was recorded (JSON; fields per kind, see <see cref="CycleRecordKinds"/>).</summary>
    public string Data { get; set; } = "{}";

    /// <summary>Who recorded it (an e-mail address or a coordinator's name).</summary>
    public string? RecordedBy { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The instance whose request recorded it; null when recorded on the dashboard.</summary>
    public string? SourceInstanceId { get; set; }
}

/// <summary>Table <c>CycleRecords</c>, read per cycle in time order.</summary>
internal sealed class CycleRecordConfiguration : IEntityTypeConfiguration<CycleRecord>
{
    public void Configure(EntityTypeBuilder<CycleRecord> builder)
    {
        builder.ToTable("CycleRecords");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(300);
        builder.Property(x => x.CycleInstanceId).HasMaxLength(64);
        builder.Property(x => x.Kind).HasMaxLength(20);
        builder.Property(x => x.RecordedBy).HasMaxLength(320);
        builder.Property(x => x.SourceInstanceId).HasMaxLength(64);
        builder.HasIndex(x => new { x.CycleInstanceId, x.Kind, x.RecordedAt });
    }
}
