namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A request to start a steering group's year.</summary>
/// <param name="Dataset">The imported steering-group file's dataset id.</param>
/// <param name="ShiftDays">Optional: move every date of the file by this many days (multiples of 7 keep weekdays).</param>
public sealed record SteeringGroupRequest(string? Dataset, int ShiftDays = 0);
