namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A region file or override that cannot make a cycle; <see cref="Field"/> names the offending field.</summary>
public sealed class CyclePlanException(string field, string message) : Exception(message)
{
    /// <summary>The field, as a JSON path.</summary>
    public string Field { get; } = field;
}
