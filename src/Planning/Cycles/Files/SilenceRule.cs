namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>What a phase does about silence.</summary>
/// <param name="Action">e.g. remindThenEscalate.</param>
/// <param name="EscalateToRole">Who hears of the silence: organisationHead, cooperationGroupMember, chair, coordinator.</param>
public sealed record SilenceRule(string? Action, string? EscalateToRole = null);
