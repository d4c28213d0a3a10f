namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>Why a coordinator's action on a cycle did not happen; the API and the pages each say it their way.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">What is wrong, for the person who asked.</param>
/// <param name="Field">The request field at fault (with <see cref="CycleProblemKind.Invalid"/>).</param>
public sealed record CycleProblem(CycleProblemKind Kind, string Message, string? Field = null);
