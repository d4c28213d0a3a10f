using System.ComponentModel.DataAnnotations;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>Approval link settings (<c>Approvals:*</c>).</summary>
public sealed class ApprovalOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Approvals";

    /// <summary>Longest lifetime of a decision or inbox link (default 30 days).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after the due date a decision link still opens (default 7 days; never beyond <see cref="LinkLifetime"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan AfterDueDate { get; set; } = TimeSpan.FromDays(7);
}
