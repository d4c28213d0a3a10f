namespace Opiskeluhuolto.Host.Approvals;

/// <summary>The task inbox and its link request — texts in <c>InboxTexts*.resx</c> (Finnish, Swedish, English).</summary>
public sealed class InboxTexts;
