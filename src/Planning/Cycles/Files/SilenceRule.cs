namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>What a phase does about silence.</summary>
/// <param name="Action">e.g. remindThenEscalate.</param>
public sealed record SilenceRule(string? Action);
