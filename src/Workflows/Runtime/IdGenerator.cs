using System.Globalization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// Identifiers in Elsa's format (a 64-bit number as lower-case hex) that follow time: the upper 32 bits count seconds
/// since 2024-01-01 UTC, the lower 32 bits are a sequence of this process that starts at a random value.
/// </summary>
/// <remarks>
/// <para>
/// Why time first: instance, journal, activity-record and bookmark ids are primary keys, and the journal, records and
/// bookmarks are indexed by instance id. Random ids put every new row on a random page of each index, so a commit of a
/// few hundred new instances rewrote thousands of scattered pages (the autumn burst wrote 244 KB per start for 10 KB
/// of data, and the disk was the limit). Ids of the same second share their prefix: new rows land next to each other
/// at the end of each index (76 KB per start, 2.2 × the starts per second; see docs/benchmarks.md).
/// </para>
/// <para>
/// Uniqueness: within a process two ids differ in their sequence unless 2³² ids are made within one second. Ids of two
/// processes (a restart while the clock steps back, or two nodes on one PostgreSQL database) can only meet within the
/// same second and when the two sequences, each starting at a random value, overlap: with k ids a second between
/// them, a chance of about k ÷ 2³² for that second — about one in 200,000 for a second of the autumn burst on two
/// nodes, none for a single node. Random 64-bit ids (Elsa's own) have their own, cumulative, chance of colliding.
/// </para>
/// <para>
/// The time part comes from the system clock, not the application's <see cref="TimeProvider"/>: it serves storage
/// locality only, and ids must stay unique when tests or an operator move the application's clock.
/// </para>
/// </remarks>
public static class IdGenerator
{
    private static readonly long Epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static long _sequence = Random.Shared.NextInt64(0, 1L << 32);

    /// <summary>A new id.</summary>
    public static string New() => New(TimeProvider.System.GetUtcNow());

    /// <summary>A new id for the instant <paramref name="now"/> (the time part; the sequence is this process's).</summary>
    internal static string New(DateTimeOffset now)
    {
        var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds() - Epoch);
        var sequence = (uint)Interlocked.Increment(ref _sequence);
        return ((seconds << 32) | sequence).ToString("x16", CultureInfo.InvariantCulture);
    }
}
