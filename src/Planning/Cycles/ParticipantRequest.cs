namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A person to ask on an open request.</summary>
/// <param name="Email">Work e-mail.</param>
/// <param name="Name">Name.</param>
/// <param name="Language">fi, sv or en (default fi).</param>
/// <param name="Organisation">Organisation the person answers for.</param>
/// <param name="Replaces">Seat id of a person who has not answered and is replaced (from the dashboard); empty adds a person.</param>
public sealed record ParticipantRequest(string? Email, string? Name, string? Language, string? Organisation, string? Replaces);
