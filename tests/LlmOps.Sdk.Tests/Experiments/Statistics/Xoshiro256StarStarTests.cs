using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>The generator's outputs, pinned so that a seed gives the same bootstrap interval forever.</summary>
public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedFirstOutput()
    {
        // The first SplitMix64 output from state 0; reference.py prints it too.
        ulong state = 0;

        var first = Xoshiro256StarStar.SplitMix64(ref state);

        Assert.Equal(0xE220A8397B1DCDAFUL, first);
    }

    [Theory]
    // reference.py: xoshiro256** seeded by SplitMix64, first three outputs.
    [InlineData(0UL, 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL)]
    [InlineData(42UL, 0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL)]
    public void NextUInt64_Seed_MatchesReference(ulong seed, ulong first, ulong second, ulong third)
    {
        var random = new Xoshiro256StarStar(seed);

        ulong[] outputs = [random.NextUInt64(), random.NextUInt64(), random.NextUInt64()];

        Assert.Equal([first, second, third], outputs);
    }

    [Fact]
    public void NextInt32_ManyDraws_StaysInRangeAndCoversIt()
    {
        var random = new Xoshiro256StarStar(1);
        var seen = new int[7];

        for (var i = 0; i < 7_000; i++)
        {
            seen[random.NextInt32(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }
}
