namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The region's names.</summary>
/// <param name="NameFi">Finnish.</param>
/// <param name="NameSv">Swedish.</param>
/// <param name="NameEn">English.</param>
public sealed record RegionNames(string? NameFi, string? NameSv, string? NameEn);
