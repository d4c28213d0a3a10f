using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Tests;

public sealed class IdGeneratorTests
{
    [Fact]
    public void Ids_AreSixteenLowerCaseHexDigits_AndUniqueAcrossThreads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 25_000; i++) ids.Add(IdGenerator.New());
        });

        Assert.Equal(100_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
    }

    [Fact]
    public void AnIdOfALaterSecond_SortsAfter_WhateverTheSequence()
    {
        var second = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.FromHours(3));
        var earlier = Enumerable.Range(0, 1_000).Select(_ => IdGenerator.New(second)).ToList();
        var later = IdGenerator.New(second.AddSeconds(1));

        Assert.All(earlier, id => Assert.True(string.CompareOrdinal(id, later) < 0, $"{id} sorts before {later}"));
        // The time part is the upper half: seconds since 2024-01-01 UTC.
        var seconds = second.ToUnixTimeSeconds() - new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(seconds.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), earlier[0][..8]);
    }

    [Fact]
    public void AClockBeforeTheEpoch_StillGivesIds()
    {
        var id = IdGenerator.New(new DateTimeOffset(2023, 4, 19, 9, 0, 0, TimeSpan.Zero));

        Assert.StartsWith("00000000", id, StringComparison.Ordinal);
        Assert.Equal(16, id.Length);
    }
}
