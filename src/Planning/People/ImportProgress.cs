namespace Opiskeluhuolto.Planning.People;

/// <summary>
/// How far an import got: <see cref="ImportStage.Checked"/> once every row passed its checks (<see cref="Done"/> rows),
/// then <see cref="ImportStage.Saving"/> as people are written (<see cref="Done"/> of <see cref="Total"/>), all in one
/// transaction that lands completely or not at all.
/// </summary>
public sealed record ImportProgress(ImportStage Stage, int Done, int Total);

/// <summary>The stages of an import that passed its checks.</summary>
public enum ImportStage
{
    /// <summary>Every row checked, no errors.</summary>
    Checked,

    /// <summary>People written so far (not yet committed).</summary>
    Saving,
}
