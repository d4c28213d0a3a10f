namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The planning cycle of a region file.</summary>
/// <param name="Id">The cycle id (one running cycle per id).</param>
/// <param name="Label">e.g. 2023–2025.</param>
/// <param name="PlanTitleFi">The plan's title in Finnish.</param>
/// <param name="PlanTitleSv">In Swedish.</param>
/// <param name="PlanTitleEn">In English.</param>
public sealed record PlanCycleInfo(string? Id, string? Label, string? PlanTitleFi, string? PlanTitleSv, string? PlanTitleEn);
