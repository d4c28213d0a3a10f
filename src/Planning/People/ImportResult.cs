using Opiskeluhuolto.Planning.Texts;

namespace Opiskeluhuolto.Planning.People;

/// <summary>What an import did, or the errors per field (then nothing was stored).</summary>
/// <param name="Source">The dataset id.</param>
/// <param name="People">People imported.</param>
/// <param name="Roles">Role keys with how many hold each.</param>
/// <param name="Errors">Errors by field (<c>people[3].email</c>, <c>lines[2].roles</c>), in English (the API's answer).</param>
/// <param name="Kind">region, steeringGroup or people.</param>
public sealed record ImportResult(string Source, int People, IReadOnlyList<(string Role, int Holders)> Roles, IReadOnlyDictionary<string, string[]> Errors, string Kind = "")
{
    /// <summary>The same errors as texts to say in the reader's language.</summary>
    public IReadOnlyDictionary<string, ProblemText[]> Problems { get; init; } = new Dictionary<string, ProblemText[]>();
}
