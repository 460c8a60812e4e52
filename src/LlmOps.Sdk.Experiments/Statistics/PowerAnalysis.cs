namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Estimates whether a paired comparison has enough items to detect a given minimum effect.</summary>
/// <remarks>
/// <para>
/// Both estimates are normal approximations for a two-sided test at level α, meant for a warning, not a decision:
/// </para>
/// <list type="bullet">
/// <item>Paired scores: the z approximation to the paired t test (Chow, Shao and Wang, Sample Size Calculations in
/// Clinical Research, 2nd ed., 2008, section 3.1), power = Φ(δ√n/σ - z₁₋α/₂) + Φ(-δ√n/σ - z₁₋α/₂) with σ the
/// observed standard deviation of the differences, and n = ((z₁₋α/₂ + z_power)·σ/δ)². The Wilcoxon test that makes
/// the decision has an asymptotic relative efficiency of 3/π ≈ 0.955 against the t test on normal data (Hodges and
/// Lehmann 1956), so on such data this is slightly optimistic; on heavy-tailed data the Wilcoxon test does better.</item>
/// <item>Pass/fail: Connor's approximation for McNemar's test (Biometrics 43(1), 1987, 207-211),
/// n = (z₁₋α/₂·√ψ + z_power·√(ψ - δ²))² / δ², with ψ the share of discordant pairs estimated from the observed
/// counts, and at least |δ|, since a difference of δ in pass rates needs at least that share of discordant pairs.</item>
/// </list>
/// <para>Thread-safe.</para>
/// </remarks>
internal static class PowerAnalysis
{
    /// <summary>Estimates the power of the paired comparison of scores to detect a mean difference of <paramref name="minimumEffect"/>.</summary>
    /// <param name="pairs">The number of items both candidates ran.</param>
    /// <param name="differenceStandardDeviation">The sample standard deviation of the differences.</param>
    /// <param name="minimumEffect">The smallest mean difference worth detecting, in the score's units; its sign is ignored.</param>
    /// <param name="alpha">The significance level.</param>
    /// <param name="targetPower">The power below which the sample counts as too small.</param>
    /// <returns>The power and the number of pairs that would reach <paramref name="targetPower"/>.</returns>
    public static PowerEstimate PairedMean(
        int pairs, double differenceStandardDeviation, double minimumEffect, double alpha, double targetPower = StatisticsConstants.DefaultTargetPower)
    {
        var effect = Math.Abs(minimumEffect);
        var zAlpha = StandardNormal.Quantile(1 - (alpha / 2));
        if (double.IsNaN(differenceStandardDeviation) || effect == 0)
        {
            // Fewer than two pairs give no estimate of the spread, and no sample detects an effect of zero.
            return new PowerEstimate(effect, 0, null, targetPower);
        }

        if (differenceStandardDeviation == 0)
        {
            // Identical differences on every item: any real effect shows with the smallest sample.
            return new PowerEstimate(effect, pairs >= 2 ? 1 : 0, 2, targetPower);
        }

        var shift = effect * Math.Sqrt(pairs) / differenceStandardDeviation;
        var power = StandardNormal.Cdf(shift - zAlpha) + StandardNormal.Cdf(-shift - zAlpha);
        var zPower = StandardNormal.Quantile(targetPower);
        var required = Math.Pow((zAlpha + zPower) * differenceStandardDeviation / effect, 2);
        return new PowerEstimate(effect, power, CeilingToPairs(required), targetPower);
    }

    /// <summary>Estimates the power of McNemar's test to detect a pass-rate difference of <paramref name="minimumEffect"/>.</summary>
    /// <param name="pairs">The number of items both candidates ran.</param>
    /// <param name="discordant">The number of items exactly one of the two passed.</param>
    /// <param name="minimumEffect">The smallest pass-rate difference worth detecting, from 0 to 1; its sign is ignored.</param>
    /// <param name="alpha">The significance level.</param>
    /// <param name="targetPower">The power below which the sample counts as too small.</param>
    /// <returns>The power and the number of pairs that would reach <paramref name="targetPower"/>.</returns>
    public static PowerEstimate McNemar(
        int pairs, int discordant, double minimumEffect, double alpha, double targetPower = StatisticsConstants.DefaultTargetPower)
    {
        var effect = Math.Min(Math.Abs(minimumEffect), 1.0);
        if (effect == 0 || pairs == 0)
        {
            return new PowerEstimate(effect, 0, null, targetPower);
        }

        var zAlpha = StandardNormal.Quantile(1 - (alpha / 2));
        var zPower = StandardNormal.Quantile(targetPower);
        var psi = Math.Max((double)discordant / pairs, effect);
        var spread = Math.Sqrt(Math.Max(psi - (effect * effect), 0));
        var required = Math.Pow((zAlpha * Math.Sqrt(psi)) + (zPower * spread), 2) / (effect * effect);
        var power = spread == 0
            ? (effect * Math.Sqrt(pairs) > zAlpha * Math.Sqrt(psi) ? 1 : 0)
            : StandardNormal.Cdf(((effect * Math.Sqrt(pairs)) - (zAlpha * Math.Sqrt(psi))) / spread);
        return new PowerEstimate(effect, power, CeilingToPairs(required), targetPower);
    }

    private static int? CeilingToPairs(double required) =>
        double.IsFinite(required) && required < int.MaxValue ? Math.Max(2, (int)Math.Ceiling(required)) : null;
}
