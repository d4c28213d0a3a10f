using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>
/// A region file (demo-data format, <c>../shared/demo-data/README.md</c>) as the planner reads it: the fields it uses,
/// typed. Text values are trimmed and a blank one reads as absent.
/// </summary>
public sealed record RegionFile(
    FileDataset? Dataset,
    RegionNames? Region,
    CouncilTerm? CouncilTerm,
    PlanCycleInfo? PlanCycle,
    IReadOnlyList<RegionOrganisation>? Organisations,
    IReadOnlyList<RegionPerson>? People,
    CooperationGroupInfo? CooperationGroup,
    IReadOnlyList<RegionPhase>? Phases,
    IReadOnlyList<RegionMeeting>? Meetings)
{
    /// <summary>Reads a region file; a value of the wrong type is a <see cref="CyclePlanException"/> naming its path.</summary>
    public static RegionFile Read(JsonObject file) => FileJson.Read<RegionFile>(file);
}
