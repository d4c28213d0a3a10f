namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>Where a meeting is.</summary>
/// <param name="NameFi">The place in Finnish.</param>
public sealed record MeetingLocation(string? NameFi);
