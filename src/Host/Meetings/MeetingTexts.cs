namespace Opiskeluhuolto.Host.Meetings;

/// <summary>The meeting reply pages — texts in <c>MeetingTexts*.resx</c> (Finnish, Swedish, English).</summary>
public sealed class MeetingTexts;
