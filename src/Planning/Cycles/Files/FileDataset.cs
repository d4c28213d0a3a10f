namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The <c>dataset</c> block of a file: the id that names the import.</summary>
/// <param name="Id">Dataset id, e.g. <c>keski-suomi-2023</c>.</param>
public sealed record FileDataset(string? Id);
