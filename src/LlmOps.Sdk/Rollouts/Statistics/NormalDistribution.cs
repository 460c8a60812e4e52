namespace LlmOps.Sdk.Rollouts;

/// <summary>The standard normal distribution's upper tail, for the one-sided z-tests of a rollout.</summary>
/// <remarks>
/// The complementary error function by the Chebyshev fit of Numerical Recipes (Press et al., 3rd ed., §6.2.2,
/// <c>erfcc</c>), fractional error below 1.2e-7 everywhere; equals <c>scipy.stats.norm.sf</c> to that precision.
/// </remarks>
internal static class NormalDistribution
{
    /// <summary>Returns P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = -z * z - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var result = t * Math.Exp(poly);
        return x >= 0 ? result : 2 - result;
    }
}
