namespace LlmOps.Sdk.Experiments;

/// <summary>The running totals of one score on one item for one candidate.</summary>
internal struct ScoreCell
{
    public double ValueSum;
    public int ValueCount;
    public int PassRuns;
    public int PassEligibleRuns;
}
