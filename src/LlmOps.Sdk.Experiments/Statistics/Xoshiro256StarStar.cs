using System.Numerics;
using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Generates pseudo-random numbers with xoshiro256** (Blackman and Vigna 2018), seeded through SplitMix64.</summary>
/// <remarks>
/// The generator is ours rather than <see cref="Random"/> so that a seed gives the same bootstrap interval on every
/// .NET version and in any other language: the algorithm is fixed by its paper,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021, https://prng.di.unimi.it/. Bounded
/// integers use Lemire's multiply-and-reject method ("Fast random integer generation in an interval", ACM TOMACS
/// 29(1), 2019), which is unbiased. A mutable struct: keep it in a local or a field and pass it by reference.
/// Not thread-safe.
/// </remarks>
internal struct Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Initializes the state from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public Xoshiro256StarStar(ulong seed)
    {
        // SplitMix64 spreads the seed over the 256-bit state, as the authors recommend: nearby seeds give unrelated
        // streams, and the state can never be all zeros.
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Advances a SplitMix64 state (Steele, Lea and Flood 2014) and returns its next output.</summary>
    /// <param name="state">The state, advanced in place.</param>
    /// <returns>The next 64-bit output.</returns>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called once per bootstrap draw: 10^8 times for 10^4 × 10^4
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniformly distributed integer in [0, <paramref name="bound"/>).</summary>
    /// <param name="bound">The exclusive upper bound; at least 1.</param>
    /// <returns>An integer from 0 to <paramref name="bound"/> - 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the bootstrap's inner loop
    public int NextInt32(int bound)
    {
        var range = (ulong)bound;
        var high = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            // Reject the few products whose low half falls below 2^64 mod range: they would favour small results.
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)high;
    }
}
