namespace Opiskeluhuolto.Host.Public;

/// <summary>The texts of the home page, the accessibility statement and every page's footer (<c>PublicTexts*.resx</c>: Finnish, Swedish, English).</summary>
public sealed class PublicTexts;
