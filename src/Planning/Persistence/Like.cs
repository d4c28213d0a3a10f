namespace Opiskeluhuolto.Planning.Persistence;

/// <summary>SQL LIKE patterns for a literal text: <c>%</c>, <c>_</c> and the escape character itself match only themselves.</summary>
internal static class Like
{
    /// <summary>The escape character to pass with the pattern (<c>EF.Functions.Like(value, pattern, Like.Escape)</c>).</summary>
    public const string Escape = "\\";

    /// <summary>A pattern matching any value that contains <paramref name="text"/> (lower-cased: match it against lower-cased columns).</summary>
    public static string Containing(string text) =>
        "%" + text.ToLowerInvariant().Replace(Escape, Escape + Escape, StringComparison.Ordinal).Replace("%", Escape + "%", StringComparison.Ordinal).Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
}
