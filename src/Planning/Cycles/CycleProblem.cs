using Opiskeluhuolto.Planning.Texts;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>Why a coordinator's action on a cycle did not happen; the API and the pages each say it their way.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">What is wrong, in English (the API's answer).</param>
/// <param name="Field">The request field at fault (with <see cref="CycleProblemKind.Invalid"/>).</param>
public sealed record CycleProblem(CycleProblemKind Kind, string Message, string? Field = null)
{
    /// <summary>The text's code in <c>ProblemTexts</c>, when it has one.</summary>
    public string? Code { get; init; }

    /// <summary>The values the text names.</summary>
    public IReadOnlyList<object?> Args { get; init; } = [];

    /// <summary>A refusal by its text code, in English for the API.</summary>
    public static CycleProblem Of(CycleProblemKind kind, string? field, string code, params object?[] args) =>
        new(kind, ProblemTexts.Format(code, "en", args), field) { Code = code, Args = args };

    /// <summary>What is wrong in <paramref name="language"/> (fi, sv, en).</summary>
    public string MessageIn(string language) => Code is null ? Message : ProblemTexts.Format(Code, language, Args);
}
