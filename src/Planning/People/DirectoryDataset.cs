namespace Opiskeluhuolto.Planning.People;

/// <summary>An imported directory file (region or steering group) as it was imported.</summary>
public sealed class DirectoryDataset
{
    /// <summary>The dataset id (<c>dataset.id</c> of the file).</summary>
    public string Source { get; set; } = "";

    /// <summary>Kind: region or steeringGroup.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Display name (the region's or group's Finnish name).</summary>
    public string? Name { get; set; }

    /// <summary>When it was imported.</summary>
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The file as JSON.</summary>
    public string Json { get; set; } = "";
}
