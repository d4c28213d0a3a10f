namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// A mail of a cycle that has not reached its recipient yet: waiting (first try or a retry after a temporary failure)
/// or failed (given up: <see cref="Reason"/> is <c>bounced</c>, <c>uncertain</c> — the process died while handing it
/// over — or <c>relay</c>), with the server's own words in <see cref="Error"/>.
/// </summary>
public sealed record CycleMailItem(
    long Id, string Kind, string? Email, string? Name, string? Title, string State, string? Reason, string? Error, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? SeatId);
