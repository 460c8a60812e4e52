namespace LlmOps.Sdk.Experiments;

/// <summary>What a run did: its counts, totals, and where its results are.</summary>
public sealed record ExperimentRunResult
{
    /// <summary>Gets the experiment's id.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Gets the full path of the results file (JSON Lines, one <see cref="ExperimentCaseResult"/> per line).</summary>
    public required string ResultsPath { get; init; }

    /// <summary>Gets the content hash of the dataset the cases ran on.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets how the run ended.</summary>
    public ExperimentRunStatus Status { get; init; }

    /// <summary>Gets the number of cases in the experiment: items × candidates × repetitions.</summary>
    public int TotalCases { get; init; }

    /// <summary>Gets the cases skipped because the results file already had them.</summary>
    public int SkippedCases { get; init; }

    /// <summary>Gets the cases run and recorded in this run, failed ones included.</summary>
    public int CompletedCases { get; init; }

    /// <summary>Gets the cases of this run that failed after their retries.</summary>
    public int FailedCases { get; init; }

    /// <summary>Gets the input tokens this run used.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens this run used.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the estimated cost of this run in US dollars, for the models with a known price.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets how long the run took.</summary>
    public TimeSpan Elapsed { get; init; }
}
