namespace LlmOps.Sdk.Experiments;

/// <summary>Where a run stands: reported after every case that finishes.</summary>
/// <param name="CasesDone">The cases finished in this run, failed ones included.</param>
/// <param name="CasesTotal">The cases this run has to do: all cases, less those a previous run already did.</param>
/// <param name="CasesSkipped">The cases skipped because the results file already had them.</param>
/// <param name="FailedCases">The cases of this run that failed after their retries.</param>
/// <param name="InputTokens">The input tokens used so far in this run.</param>
/// <param name="OutputTokens">The output tokens used so far in this run.</param>
/// <param name="Cost">The estimated cost so far in this run, in US dollars, for the models with a known price.</param>
/// <param name="Elapsed">The time since the run started.</param>
/// <param name="EstimatedRemaining">The time left at the pace so far, or <see langword="null"/> before the first case finishes.</param>
public sealed record ExperimentProgress(
    int CasesDone,
    int CasesTotal,
    int CasesSkipped,
    int FailedCases,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    TimeSpan Elapsed,
    TimeSpan? EstimatedRemaining);
