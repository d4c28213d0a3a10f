namespace Opiskeluhuolto.Planning.Texts;

/// <summary>A refusal's text by code with the values it names, to be said in any of the three languages.</summary>
/// <param name="Code">The code in <c>ProblemTexts</c>.</param>
/// <param name="Args">The values the text names.</param>
public sealed record ProblemText(string Code, IReadOnlyList<object?> Args)
{
    /// <summary>The text in <paramref name="language"/> (fi, sv, en).</summary>
    public string In(string language) => ProblemTexts.Format(Code, language, Args);
}
