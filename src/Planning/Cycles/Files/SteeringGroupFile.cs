using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>A municipal steering group's file (OHL 14 §, demo-data format) as the planner reads it, typed.</summary>
public sealed record SteeringGroupFile(
    FileDataset? Dataset,
    MunicipalityInfo? Municipality,
    IReadOnlyList<RegionOrganisation>? Organisations,
    IReadOnlyList<RegionPerson>? People,
    SteeringGroupInfo? SteeringGroup,
    ExtendedNetwork? ExtendedNetwork,
    WorkingCommittee? WorkingCommittee,
    IReadOnlyList<SteeringMeeting>? Meetings)
{
    /// <summary>Reads a steering-group file; a value of the wrong type is a <see cref="CyclePlanException"/> naming its path.</summary>
    public static SteeringGroupFile Read(JsonObject file) => FileJson.Read<SteeringGroupFile>(file);
}
