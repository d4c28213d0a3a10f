namespace Opiskeluhuolto.Host.Studio;

/// <summary>Where the Elsa Studio files are (<c>Studio:*</c>).</summary>
public sealed class StudioOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Studio";

    /// <summary>Folder of the unpacked npm package; default <c>Studio/node_modules/@elsa-workflows/elsa-studio-wasm</c> under the content root.</summary>
    public string? Path { get; set; }
}
