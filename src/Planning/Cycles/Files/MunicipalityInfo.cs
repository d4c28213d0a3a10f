namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The municipality of a steering group.</summary>
/// <param name="NameFi">Finnish name.</param>
public sealed record MunicipalityInfo(string? NameFi);
