namespace LlmOps.Sdk.Experiments;

/// <summary>The outcome of one case: one dataset item, run once, through one candidate. One line of a results file.</summary>
/// <remarks>
/// Results files are JSON Lines, one <see cref="ExperimentCaseResult"/> per line, written as cases finish. Reports and
/// comparisons are computed from them offline. A case that failed after its retries has <see cref="Error"/> set and no
/// output or scores.
/// </remarks>
public sealed record ExperimentCaseResult
{
    /// <summary>Gets the experiment's id.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Gets the candidate's name, such as <c>v3-gpt-4.1-mini</c>.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the dataset item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Gets the repetition, from 0, when each item runs more than once.</summary>
    public int Repetition { get; init; }

    /// <summary>Gets the content hash of the item's variables, reference answers and metadata, so an item edited under the same id runs again.</summary>
    public string? ItemHash { get; init; }

    /// <summary>Gets the content hash of the dataset the case ran on.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets the prompt's name, when the candidate's prompt came from the registry.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the prompt version that was rendered.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the content hash of the prompt that was rendered.</summary>
    public required string PromptHash { get; init; }

    /// <summary>Gets the model the candidate asked for.</summary>
    public string? Model { get; init; }

    /// <summary>Gets a hash of the candidate's settings (temperature, max tokens, …), so a changed setting reruns its cases.</summary>
    public required string SettingsHash { get; init; }

    /// <summary>Gets when the case started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the response text, or <see langword="null"/> when the case failed.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the scores the evaluators gave, in evaluator order.</summary>
    public IReadOnlyList<ExperimentScore> Scores { get; init; } = [];

    /// <summary>Gets the call's duration in milliseconds, retries included.</summary>
    public double LatencyMilliseconds { get; init; }

    /// <summary>Gets the input tokens the provider reported.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the output tokens the provider reported.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the estimated cost in the price table's currency, when a price is known for the model.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the error's type, such as <c>HttpRequestException</c>, when the case failed.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the error's message, when the case failed.</summary>
    public string? Error { get; init; }
}
