using Opiskeluhuolto.Planning.Texts;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A region file or override that cannot make a cycle; <see cref="Field"/> names the offending field.</summary>
public sealed class CyclePlanException(string field, string code, params object?[] args) : Exception(ProblemTexts.Format(code, "en", args))
{
    /// <summary>The field, as a JSON path.</summary>
    public string Field { get; } = field;

    /// <summary>The text's code in <c>ProblemTexts</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The values the text names.</summary>
    public IReadOnlyList<object?> Args { get; } = args;
}
