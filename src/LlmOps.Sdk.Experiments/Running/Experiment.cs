using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Experiments;

/// <summary>Defines an experiment: a dataset, the candidates to compare on it, how to score them, and how to run.</summary>
/// <remarks>
/// A case is one item, run once, through one candidate: an experiment has items × candidates × <see cref="Repetitions"/>
/// cases. Run it with <see cref="ExperimentRunner.RunAsync"/>.
/// </remarks>
public sealed class Experiment
{
    /// <summary>Gets the experiment's id, recorded on every result and span, such as <c>support-reply-2025-06</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the items to run.</summary>
    public required Dataset Dataset { get; init; }

    /// <summary>Gets the candidates to compare; their names are unique.</summary>
    public required IReadOnlyList<ExperimentCandidate> Candidates { get; init; }

    /// <summary>Gets the evaluators that score every case: the built-in ones, your own, or an LLM judge through <see cref="AIEvaluatorAdapter"/>.</summary>
    /// <value>The default is none: results then carry outputs, latency, tokens and cost only.</value>
    public IReadOnlyList<IResponseEvaluator> Evaluators { get; init; } = [];

    /// <summary>Gets how many times each item runs through each candidate, for models that do not answer the same way twice.</summary>
    /// <value>From 1. The default is 1.</value>
    public int Repetitions { get; init; } = 1;

    /// <summary>Gets the name of the candidate the others are compared to, for reports; the first candidate when <see langword="null"/>.</summary>
    public string? Baseline { get; init; }

    /// <summary>Gets how many cases may fail (after the pipeline's retries) before the run stops; <see langword="null"/> never stops it.</summary>
    /// <value>From 0, or <see langword="null"/> (the default). A failed case is recorded with its error either way.</value>
    public int? MaxFailedCases { get; init; }

    /// <summary>Gets how many cases run at once.</summary>
    /// <value>From 1. The default is 4.</value>
    public int MaxConcurrency { get; init; } = ExperimentConstants.DefaultMaxConcurrency;

    /// <summary>Gets the rate limit each chat client gets, unless <see cref="ClientRateLimits"/> gives it another; none when <see langword="null"/>.</summary>
    /// <remarks>Candidates that share a client share its limit.</remarks>
    public ExperimentRateLimit? RateLimit { get; init; }

    /// <summary>Gets rate limits by the service key of a keyed client (<see cref="ExperimentCandidate.ClientKey"/>).</summary>
    public IReadOnlyDictionary<object, ExperimentRateLimit> ClientRateLimits { get; init; } = new Dictionary<object, ExperimentRateLimit>();

    /// <summary>Gets the baseline's name: <see cref="Baseline"/>, or the first candidate's.</summary>
    internal string? BaselineName => Baseline ?? (Candidates.Count > 0 ? Candidates[0].Name : null);
}
