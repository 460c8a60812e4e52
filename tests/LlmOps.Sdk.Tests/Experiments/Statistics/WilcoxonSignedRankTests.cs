using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>
/// The Wilcoxon signed-rank test with scipy.stats.wilcoxon's defaults, against values pinned in scipy's own suite
/// (scipy/stats/tests/test_morestats.py, class TestWilcoxon, at commit 3dbf660a919b) and printed by reference.py.
/// P-values agree to a relative 1e-9; the exact and permutation ones are fractions over 2^n and agree exactly.
/// </summary>
public sealed class WilcoxonSignedRankTests
{
    private static readonly double[] Corn = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

    public static TheoryData<string, double[], double, double, string> DefaultCases => new()
    {
        // scipy.stats.wilcoxon docstring (Wilcoxon 1945 corn heights): (24.0, 0.041259765625); n = 15, exact.
        { "corn", Corn, 24.0, 0.041259765625, nameof(WilcoxonMethod.Exact) },
        // test_exact_pval, from R 4.0.3 wilcox.test(x - y, exact=TRUE): 0.10546875; n = 10, exact.
        {
            "test_exact_pval n=10",
            Differences(
                [1.81, 0.82, 1.56, -0.48, 0.81, 1.28, -1.04, 0.23, -0.75, 0.14],
                [0.71, 0.65, -0.2, 0.85, -1.1, -0.45, -0.84, -0.24, -0.68, -0.76]),
            11.0, 0.10546875, nameof(WilcoxonMethod.Exact)
        },
        // test_exact_pval: x = arange(20) + 0.5, y = arange(20, 0, -1): 0.8694877624511719; exact.
        { "test_exact_pval n=20", Range(20, i => (i + 0.5) - (20.0 - i)), 100.0, 0.8694877624511719, nameof(WilcoxonMethod.Exact) },
        // test_exact_p_1: the statistic at the centre of the distribution gives p = 1.
        { "test_exact_p_1 n=5", [-1, 2, -3, -4, 5], 7.0, 1.0, nameof(WilcoxonMethod.Exact) },
        // test_auto_permutation_edge_case: arange(-5, 8), one zero, n = 13 → every sign flip: (27.5, 0.3955078125).
        { "arange(-5, 8) with a zero", Range(13, i => i - 5), 27.5, 0.3955078125, nameof(WilcoxonMethod.Permutation) },
        // test_auto_permutation_edge_case: the zero made a 1, a tie: (32, 0.3779296875).
        { "arange(-5, 8) with a tie", Range(13, i => i == 5 ? 1 : i - 5), 32.0, 0.3779296875, nameof(WilcoxonMethod.Permutation) },
        // test_all_zeros_exact: all zeros, n = 5 → (0.0, 1.0).
        { "all zeros", [0, 0, 0, 0, 0], 0.0, 1.0, nameof(WilcoxonMethod.Permutation) },
        // reference.py "tie10": [0.1] * 10, all tied, n = 10 → every sign flip: 2/1024.
        { "ten ties", Range(10, _ => 0.1), 0.0, 0.001953125, nameof(WilcoxonMethod.Permutation) },
        // reference.py "ties_zeros_12": two zeros and tie groups, n = 12 → every sign flip.
        { "ties and zeros n=12", [1, -1, 2, 0, 2, 3, -3, 0, 4, 1, -2, 5], 14.5, 0.21484375, nameof(WilcoxonMethod.Permutation) },
        // reference.py "arange_-5_9_zero": a zero, n = 14 → asymptotic (test_auto checks the switch, no value).
        { "arange(-5, 9) with a zero", Range(14, i => i - 5), 27.5, 0.2077176529979959, nameof(WilcoxonMethod.Asymptotic) },
        // reference.py "ties_zeros_30": zeros and ties, n = 30 → asymptotic with the tie correction.
        { "ties and zeros n=30", Range(30, i => (i % 7) - 3), 158.0, 0.6524316539931957, nameof(WilcoxonMethod.Asymptotic) },
        // test_accuracy_wilcoxon, zero_method='wilcox': 56 values with zeros and ties → (327, 0.00641346115861);
        // reference.py "accuracy_56" gives 0.0064134611586072355.
        { "test_accuracy_wilcoxon n=56", Accuracy(), 327.0, 0.0064134611586072355, nameof(WilcoxonMethod.Asymptotic) },
        // reference.py "arange_1_52": 51 distinct positives → asymptotic above 50.
        { "arange(1, 52)", Range(51, i => i + 1), 0.0, 5.145276051717657e-10, nameof(WilcoxonMethod.Asymptotic) },
    };

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void Test_Defaults_MatchesScipy(string name, double[] differences, double statistic, double pValue, string method)
    {
        var result = WilcoxonSignedRank.Test(differences);

        Assert.True(statistic == result.Statistic, $"{name}: statistic {result.Statistic}, expected {statistic}.");
        Assert.True(method == result.Method.ToString(), $"{name}: method {result.Method}, expected {method}.");
        StatisticsAssert.RelativelyClose(pValue, result.PValue);
    }

    [Fact]
    public void Test_AccuracyVector_MatchesScipysPinnedDigits()
    {
        // test_accuracy_wilcoxon pins 0.00641346115861, 12 significant digits.
        var result = WilcoxonSignedRank.Test(Accuracy());

        StatisticsAssert.RelativelyClose(0.00641346115861, result.PValue, 1e-11);
    }

    public static TheoryData<string, double[], double, double> AsymptoticCases => new()
    {
        // scipy.stats.wilcoxon docstring, method='asymptotic': (24.0, 0.04088813291185591).
        { "corn", Corn, 24.0, 0.04088813291185591 },
        // test_accuracy_wilcoxon, R wilcox.test(x, y, paired=TRUE, exact=FALSE, correct=FALSE): (34, 0.6948866023724735).
        {
            "R paired n=12",
            Differences(
                [120, 114, 181, 188, 180, 146, 121, 191, 132, 113, 127, 112],
                [133, 143, 119, 189, 112, 199, 198, 113, 115, 121, 142, 187]),
            34.0, 0.6948866023724735
        },
        // test_wilcoxon_tie, R wilcox.test(rep(0.1, 10), exact=FALSE, correct=FALSE): 0.001565402258002551.
        { "R ten ties", Range(10, _ => 0.1), 0.0, 0.001565402258002551 },
    };

    [Theory]
    [MemberData(nameof(AsymptoticCases))]
    public void Test_Asymptotic_MatchesScipyAndR(string name, double[] differences, double statistic, double pValue)
    {
        var result = WilcoxonSignedRank.Test(differences, WilcoxonMethod.Asymptotic);

        Assert.True(statistic == result.Statistic, $"{name}: statistic {result.Statistic}, expected {statistic}.");
        StatisticsAssert.RelativelyClose(pValue, result.PValue);
    }

    [Fact]
    public void Test_NoTiesN12_UsesExactNotAsymptotic()
    {
        // The same R vector under the default: no ties and no zeros, so scipy's auto is exact (reference.py "r_12 auto").
        var result = WilcoxonSignedRank.Test(
            [120, 114, 181, 188, 180, 146, 121, 191, 132, 113, 127, 112],
            [133, 143, 119, 189, 112, 199, 198, 113, 115, 121, 142, 187]);

        Assert.Equal(WilcoxonMethod.Exact, result.Method);
        Assert.Equal(0.7333984375, result.PValue);
    }

    [Fact]
    public void Test_AllZerosAboveThirteen_PValueIsNaNAsScipy()
    {
        // test_zero_diff: arange(20) against itself, asymptotic → p is NaN.
        var result = WilcoxonSignedRank.Test(new double[20]);

        Assert.True(double.IsNaN(result.PValue), $"p was {result.PValue}.");
        Assert.Equal(20, result.ZeroCount);
    }

    [Fact]
    public void Test_CandidateAhead_RankSumPositiveIsLarger()
    {
        var result = WilcoxonSignedRank.Test(Corn);

        Assert.Equal(96.0, result.RankSumPositive);
        Assert.Equal(24.0, result.RankSumNegative);
    }

    [Fact]
    public void Test_NaN_ThrowsNamingTheFix()
    {
        var exception = Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Test([1.0, double.NaN]));

        Assert.Contains("drop the items", exception.Message, StringComparison.Ordinal);
    }

    private static double[] Range(int count, Func<int, double> value)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = value(i);
        }

        return values;
    }

    private static double[] Differences(double[] x, double[] y) => Range(x.Length, i => x[i] - y[i]);

    private static double[] Accuracy()
    {
        int[] frequencies = [1, 4, 16, 15, 8, 4, 5, 1, 2];
        var values = new List<double>();
        for (var i = 0; i < frequencies.Length; i++)
        {
            for (var j = 0; j < frequencies[i]; j++)
            {
                values.Add(i - 4);
            }
        }

        return [.. values];
    }
}
