namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The working committee's preparation of a meeting's agenda.</summary>
/// <param name="Date">Its date (yyyy-MM-dd).</param>
public sealed record PrepMeeting(string? Date);
