namespace Opiskeluhuolto.Host.Approvals;

/// <summary>The participant's decision pages (confirm, thanks, already answered, expired link) — texts in <c>ApprovalTexts*.resx</c> (Finnish, Swedish, English).</summary>
public sealed class ApprovalTexts;
