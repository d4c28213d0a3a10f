namespace Opiskeluhuolto.Host.Studio;

/// <summary>The Studio shell and the sign-in page — texts in <c>StudioTexts*.resx</c> (Finnish, Swedish, English).</summary>
public sealed class StudioTexts;
