namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>The coordinator's workspace — texts in <c>CoordinatorTexts*.resx</c> (Finnish, Swedish, English).</summary>
public sealed class CoordinatorTexts;
