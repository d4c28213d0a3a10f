namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The council term the cycle belongs to.</summary>
/// <param name="Label">e.g. 2022–2025.</param>
/// <param name="Start">First day (yyyy-MM-dd).</param>
/// <param name="End">Last day (yyyy-MM-dd).</param>
public sealed record CouncilTerm(string? Label, string? Start = null, string? End = null);
