namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The council term the cycle belongs to.</summary>
/// <param name="Label">e.g. 2022–2025.</param>
public sealed record CouncilTerm(string? Label);
