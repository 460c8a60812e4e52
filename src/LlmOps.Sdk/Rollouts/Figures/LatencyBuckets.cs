namespace LlmOps.Sdk.Rollouts;

/// <summary>Log-scale latency buckets: each is 10% wider than the one before, from 0.1 ms to several hours.</summary>
/// <remarks>
/// A histogram instead of stored samples keeps a version's figures a fixed size whatever the traffic, and recording a
/// call one increment. The 10% width bounds the error of a reported p95 to 5%.
/// </remarks>
internal static class LatencyBuckets
{
    public const int Count = 200;
    private const double Smallest = 0.1;
    private static readonly double LogGrowth = Math.Log(1.1);

    /// <summary>Returns the bucket of a latency in milliseconds.</summary>
    public static int IndexOf(double milliseconds)
    {
        if (!(milliseconds > Smallest))
        {
            return 0;
        }

        var index = (int)(Math.Log(milliseconds / Smallest) / LogGrowth);
        return index >= Count ? Count - 1 : index;
    }

    /// <summary>Returns the middle of a bucket (geometric), in milliseconds: the latency a bucket reports.</summary>
    public static double Middle(int index) => Smallest * Math.Pow(1.1, index + 0.5);

    /// <summary>Returns the bucket that holds the <paramref name="quantile"/> of the calls counted in <paramref name="counts"/>, or -1 when there are none.</summary>
    public static int QuantileIndex(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return -1;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return counts.Length - 1;
    }
}
